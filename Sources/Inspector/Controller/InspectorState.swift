import Foundation

/// Everything the inspector shows, and the one place keys change it. Pure: no terminal, no network, no clock
/// beyond the times records carry, so tests drive it key by key.
///
/// The Terminal layer owns one, and on its UI thread:
/// - appends records to ``log`` and updates ``status`` from the client's events;
/// - calls ``resize(to:)`` when the terminal changes size, and ``handle(_:)`` for each key, carrying out the
///   returned ``InspectorEffect``s;
/// - draws it with ``InspectorRenderer`` at its frame rate.
public struct InspectorState: Sendable {
    /// The message log.
    public var log: LogModel
    /// What the status bar shows.
    public var status: ConnectionStatus
    /// The compose box.
    public var compose: ComposeEditor
    /// The key table.
    public let bindings: KeyBindings
    /// The pane with focus (log or compose). The log by default, so the README's `j`/`k`/`q` act at once rather
    /// than being typed into a message.
    public private(set) var focus: FocusContext
    /// The overlay on top, if any.
    public private(set) var overlay: Overlay?
    /// The filter prompt's text while it is open; `nil` when closed.
    public private(set) var filterInput: TextBuffer?
    /// Why the last filter pattern was refused.
    public private(set) var filterError: String?
    /// The terminal size the layout is computed for.
    public private(set) var screenSize: TerminalSize
    /// Whether the screen shows credentials (`--show-secrets`): `Authorization`, cookies, proxy and URL
    /// passwords. Off by default; `--record` hides them either way.
    public var showsSecrets = false
    /// Set when the log shows a capture read from a file (`wsinspect open`): what the status bar says in place of
    /// the connection (`CAPTURE x.har · 3 connections · 1204 messages`). The view is read-only: compose takes no
    /// focus.
    public var captureSummary: String?

    /// Creates a state.
    public init(
        log: LogModel = LogModel(), status: ConnectionStatus = ConnectionStatus(),
        compose: ComposeEditor = ComposeEditor(), bindings: KeyBindings = .standard,
        screenSize: TerminalSize = TerminalSize(rows: 24, cols: 80), focus: FocusContext = .log
    ) {
        self.log = log
        self.focus = focus == .compose ? .compose : .log
        self.status = status
        self.compose = compose
        self.bindings = bindings
        self.screenSize = screenSize
    }

    /// The context keys are looked up in: the overlay, else the filter prompt, else the focused pane.
    public var activeContext: FocusContext {
        switch overlay {
        case .help: return .help
        case .detail: return .detail
        case nil: return filterInput != nil ? .filterPrompt : focus
        }
    }

    /// The layout for the current size and compose contents.
    public var layout: Layout {
        Layout.make(size: screenSize, composeLines: filterInput != nil ? 1 : compose.buffer.lines.count,
                    composeMessage: filterInput != nil ? filterError != nil : compose.error != nil)
    }

    /// Records a new terminal size.
    public mutating func resize(to size: TerminalSize) { screenSize = size }

    /// Applies a key: its bound action, or (in the compose box and filter prompt) the character typed.
    public mutating func handle(_ key: Key) -> [InspectorEffect] {
        let context = activeContext
        if case .paste(let text) = key {
            paste(text, in: context)
            return []
        }
        if let action = bindings.action(for: key, in: context) { return perform(action) }
        if case .character(let character) = key {
            switch context {
            case .compose: compose.edit { $0.insert(String(character)) }
            case .filterPrompt: filterInput?.insert(String(character)); filterError = nil
            default: break
            }
        }
        return []
    }

    /// Carries out an action in the active context.
    public mutating func perform(_ action: InspectorAction) -> [InspectorEffect] {
        let height = layout.logViewportHeight
        switch action {
        case .quit: return [.quit]
        case .cycleFocus:
            if filterInput != nil || overlay != nil { return [] }
            if captureSummary != nil { return [] }
            focus = focus == .log ? .compose : .log
        case .showHelp: overlay = .help(scroll: 0)
        case .redraw: break

        case .selectPrevious: log.moveSelection(by: -1, viewportHeight: height)
        case .selectNext: log.moveSelection(by: 1, viewportHeight: height)
        case .pageUp: log.pageUp(viewportHeight: height)
        case .pageDown: log.pageDown(viewportHeight: height)
        case .selectFirst: log.selectFirst(viewportHeight: height)
        case .follow: log.resumeFollowing()
        case .openFilter:
            filterInput = TextBuffer(log.filter.pattern)
            filterError = nil
        case .toggleControlFrames: log.cycleControlFrames()
        case .toggleSent: log.setHidden(.sent, !log.filter.hiddenDirections.contains(.sent))
        case .toggleReceived: log.setHidden(.received, !log.filter.hiddenDirections.contains(.received))
        case .clearFilters: log.setFilter(LogFilter())
        case .openDetail:
            // The overlay keeps the record as shown, so drawing and scrolling agree on its lines.
            if let entry = log.selectedEntry {
                overlay = .detail(entry.record.shown(showsSecrets: showsSecrets), scroll: 0)
            }

        case .submit: return submitCompose()
        case .insertNewline: compose.edit { $0.insertNewline() }
        case .cycleComposeMode: compose.cycleMode()
        case .historyPrevious: compose.up()
        case .historyNext: compose.down()
        case .cursorLeft, .cursorRight, .cursorLineStart, .cursorLineEnd, .deleteBackward, .deleteForward,
            .clearInput:
            editInput(action)

        case .applyFilter:
            guard let input = filterInput else { return [] }
            do {
                try log.setFilterPattern(input.text)
                filterInput = nil
                filterError = nil
            } catch {
                filterError = error.description
            }
        case .cancel:
            if filterInput != nil {
                filterInput = nil
                filterError = nil
            } else {
                overlay = nil
            }

        case .scrollUp: scrollOverlay(by: -1)
        case .scrollDown: scrollOverlay(by: 1)
        case .scrollPageUp: scrollOverlay(by: -max(1, overlayHeight - 1))
        case .scrollPageDown: scrollOverlay(by: max(1, overlayHeight - 1))
        // Far past either end; the clamp brings it to the first line or the last page.
        case .scrollTop: scrollOverlay(by: -(1 << 40))
        case .scrollBottom: scrollOverlay(by: 1 << 40)
        }
        return []
    }

    // MARK: - Helpers

    /// Pasted text lands in the compose box (from the log too: a paste is a message, never a string of keys),
    /// or on the filter prompt's one line; overlays ignore it.
    private mutating func paste(_ text: String, in context: FocusContext) {
        switch context {
        case .log, .global:
            guard captureSummary == nil else { return }
            focus = .compose
            compose.edit { $0.insert(text) }
        case .compose:
            compose.edit { $0.insert(text) }
        case .filterPrompt:
            filterInput?.insert(text.split(whereSeparator: \.isNewline).joined(separator: " "))
            filterError = nil
        case .detail, .help:
            break
        }
    }

    private mutating func submitCompose() -> [InspectorEffect] {
        guard let action = compose.submit() else { return [] }
        switch action {
        case .sendText, .sendBinary, .ping, .close:
            // The user wants to see the answer: follow again, as if they had pressed End.
            log.resumeFollowing()
        default: break
        }
        switch action {
        case .sendText(let text): return [.sendText(text)]
        case .sendBinary(let bytes): return [.sendBinary(bytes)]
        case .ping(let payload): return [.ping(payload)]
        case .close(let code, let reason): return [.close(code: code, reason: reason)]
        case .reconnect: return [.reconnect]
        case .connect(let url): return [.connect(url)]
        case .clear: log.clear()
        case .help: overlay = .help(scroll: 0)
        case .setMode: break  // the editor already switched
        }
        return []
    }

    private mutating func editInput(_ action: InspectorAction) {
        func apply(_ buffer: inout TextBuffer) {
            switch action {
            case .cursorLeft: buffer.moveLeft()
            case .cursorRight: buffer.moveRight()
            case .cursorLineStart: buffer.moveToLineStart()
            case .cursorLineEnd: buffer.moveToLineEnd()
            case .deleteBackward: buffer.deleteBackward()
            case .deleteForward: buffer.deleteForward()
            case .clearInput: buffer = TextBuffer()
            default: break
            }
        }
        if filterInput != nil {
            apply(&filterInput!)
            filterError = nil
        } else {
            compose.edit(apply)
        }
    }

    private var overlayHeight: Int { layout.overlay?.rows ?? 1 }

    private mutating func scrollOverlay(by delta: Int) {
        let width = layout.overlay?.cols ?? 1
        switch overlay {
        case .help(let scroll):
            let count = HelpText.lines(for: bindings).count
            overlay = .help(scroll: clampScroll(scroll + delta, lines: count))
        case .detail(let record, let scroll):
            let count = DetailFormatter.lineCount(for: record, width: width)
            overlay = .detail(record, scroll: clampScroll(scroll + delta, lines: count))
        case nil:
            break
        }
    }

    private func clampScroll(_ value: Int, lines: Int) -> Int {
        max(0, min(value, lines - max(1, overlayHeight - 1)))
    }
}
