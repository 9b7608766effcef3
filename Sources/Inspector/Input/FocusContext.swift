/// Where keys go: the pane with focus, or the prompt or overlay on top of it.
package enum FocusContext: String, Sendable, Hashable, CaseIterable {
    /// Bindings that apply everywhere unless the context overrides them.
    case global
    /// The message log.
    case log
    /// The log of a capture read from a file (`wsinspect open`): its keys come before the log's.
    case capture
    /// The compose box.
    case compose
    /// The filter prompt opened with `&`, or the search prompt opened with `/` or `?`.
    case filterPrompt
    /// The detail view of one record.
    case detail
    /// The help overlay.
    case help

    /// The heading the help overlay uses.
    package var title: String {
        switch self {
        case .global: return "Everywhere"
        case .log: return "Log"
        case .capture: return "Capture view (wsinspect open)"
        case .compose: return "Compose"
        case .filterPrompt: return "Filter and search prompt"
        case .detail: return "Detail view"
        case .help: return "Help"
        }
    }

    /// The status bar's name for where keys go: `LOG`, `COMPOSE`, …
    package var badge: String {
        switch self {
        case .global, .log, .capture: return "LOG"
        case .compose: return "COMPOSE"
        case .filterPrompt: return "FILTER"
        case .detail: return "DETAIL"
        case .help: return "HELP"
        }
    }
}
