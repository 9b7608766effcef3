/// Where keys go: the pane with focus, or the prompt or overlay on top of it.
package enum FocusContext: String, Sendable, Hashable, CaseIterable {
    /// Bindings that apply everywhere unless the context overrides them.
    case global
    /// The message log.
    case log
    /// The log of a capture read from a file (`wsinspect open`): its keys come before the log's.
    case capture
    /// The log of `wsinspect relay`: its keys come before the log's.
    case relay
    /// The compose box.
    case compose
    /// The compose box in relay mode: its keys come before compose's.
    case relayCompose
    /// The relay's connection list (`C`).
    case connections
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
        case .relay: return "Relay log (wsinspect relay)"
        case .compose: return "Compose"
        case .relayCompose: return "Compose in relay mode"
        case .connections: return "Connection list (relay)"
        case .filterPrompt: return "Filter and search prompt"
        case .detail: return "Detail view"
        case .help: return "Help"
        }
    }

    /// The status bar's name for where keys go: `LOG`, `COMPOSE`, …
    package var badge: String {
        switch self {
        case .global, .log, .capture, .relay: return "LOG"
        case .compose, .relayCompose: return "COMPOSE"
        case .connections: return "CONNECTIONS"
        case .filterPrompt: return "FILTER"
        case .detail: return "DETAIL"
        case .help: return "HELP"
        }
    }
}
