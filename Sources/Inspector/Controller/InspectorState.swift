import Foundation

/// Everything the inspector shows, and the one place keys change it. Pure: no terminal, no network, no clock
/// beyond the times records carry, so tests drive it key by key.
///
/// The Terminal layer owns one, and on its UI thread:
/// - appends records to ``log`` and updates ``status`` from the client's events;
/// - calls ``resize(to:)`` when the terminal changes size, and ``handle(_:)`` for each key, carrying out the
///   returned ``InspectorEffect``s;
/// - draws it with ``InspectorRenderer`` at its frame rate.
package struct InspectorState: Sendable {
    /// The message log.
    package var log: LogModel
    /// What the status bar shows.
    package var status: ConnectionStatus
    /// The compose box.
    package var compose: ComposeEditor
    /// The key table.
    package let bindings: KeyBindings
    /// The pane with focus (log or compose). The log by default, so the README's `j`/`k`/`q` act at once rather
    /// than being typed into a message.
    package internal(set) var focus: FocusContext
    /// The overlay on top, if any.
    package internal(set) var overlay: Overlay?
    /// The filter or search prompt while it is open; `nil` when closed.
    package internal(set) var prompt: Prompt?
    /// The search: its pattern (highlighted), direction, the scan in progress and what it last said.
    package internal(set) var search = SearchState()
    /// How long a pattern may work on one record before it is cut off and reported; tests make it small.
    package var searchBudget = SearchBudget()
    /// The terminal size the layout is computed for.
    package private(set) var screenSize: TerminalSize
    /// Whether the screen shows credentials (`--show-secrets`): `Authorization`, cookies, proxy and URL
    /// passwords. Off by default; `--record` hides them either way.
    package var showsSecrets = false
    /// Set when the log shows a capture read from a file (`wsinspect open`): what the status bar says in place of
    /// the connection (`CAPTURE x.har · 3 connections · 1204 messages`). The view is read-only: compose takes no
    /// focus.
    package var captureSummary: String?
    /// For the received record open in the detail view: how long after the last sent message it came.
    package internal(set) var detailReply: ReplyTiming?
    /// For a relay row open in the detail view: its connection, leg and what became of it.
    package internal(set) var detailRelay: String?
    /// Where the last click or wheel turn happened.
    package internal(set) var pointer = ScreenCell(row: 0, col: 0)
    /// What the log's time column shows (`t`).
    package internal(set) var timeColumn = TimeColumn.wallClock
    /// The rows marked with `Space`, by their first record's id, with the payload to send on `.`; kept even if
    /// the log drops the rows meanwhile.
    package internal(set) var marks: [UInt64: ResendPayload] = [:]
    /// In a capture view: where each of the capture's connections starts in the log, and its URL (for `r`).
    package var captureConnections: [CaptureConnection] = []
    /// Set when `r` asked to replay a connection of the capture: the UI loop has ended and its caller replays.
    package internal(set) var replayRequest: ReplayRequest?
    /// Relay mode's connections, intercept and inject target; `nil` for a client or a capture.
    package var relay: RelayModel? {
        // Relay mode opens on one row per message (a fragmented one is one row, its frames in the detail view);
        // `m` still switches to frames.
        didSet { if oldValue == nil && relay != nil { log.viewMode = .messages } }
    }

    /// Creates a state.
    package init(
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

    /// The context keys are looked up in: the prompt (also over the detail view, whose search it is), else the
    /// overlay, else the focused pane.
    package var activeContext: FocusContext {
        if prompt != nil { return .filterPrompt }
        switch overlay {
        case .help: return .help
        case .detail: return .detail
        case .connections: return .connections
        case nil: return focus
        }
    }

    /// The layout for the current size and compose contents.
    package var layout: Layout {
        Layout.make(
            size: screenSize, composeLines: prompt != nil ? 1 : compose.buffer.lines.count,
            composeMessage: prompt != nil ? prompt?.error != nil : compose.error != nil)
    }

    /// Records a new terminal size.
    package mutating func resize(to size: TerminalSize) { screenSize = size }

    /// Applies a key: its bound action, or (in the compose box and filter prompt) the character typed.
    package mutating func handle(_ key: Key) -> [InspectorEffect] {
        let context = activeContext
        if case .paste(let text) = key {
            paste(text, in: context)
            return []
        }
        notePointer(of: key)
        // A capture view's own keys come before the log's.
        let captureAction = captureSummary != nil && context == .log ? bindings.action(for: key, in: .capture) : nil
        // Relay mode's keys likewise come before the log's and compose's.
        let relayContext: FocusContext? = relay == nil ? nil : context == .log ? .relay : context == .compose ? .relayCompose : nil
        let relayAction = relayContext.flatMap { bindings.action(for: key, in: $0) }
        if let action = captureAction ?? relayAction ?? bindings.action(for: key, in: context) { return perform(action) }
        if case .character(let character) = key {
            switch context {
            case .compose: compose.edit { $0.insert(String(character)) }
            case .filterPrompt:
                prompt?.input.insert(String(character))
                prompt?.error = nil
            default: break
            }
        }
        return []
    }

    /// Carries out an action in the active context.
    package mutating func perform(_ action: InspectorAction) -> [InspectorEffect] {
        let height = layout.logViewportHeight
        switch action {
        case .quit: return [.quit]
        case .cycleFocus:
            if prompt != nil || overlay != nil { return [] }
            if captureSummary != nil { return [] }
            focus = focus == .log ? .compose : .log
        case .showHelp: overlay = .help(scroll: 0)
        case .redraw: break
        case .pointAt: pointAt(pointer)
        case .wheelUp: wheel(by: -Self.wheelLines)
        case .wheelDown: wheel(by: Self.wheelLines)

        case .selectPrevious: log.moveSelection(by: -1, viewportHeight: height)
        case .selectNext: log.moveSelection(by: 1, viewportHeight: height)
        case .pageUp: log.pageUp(viewportHeight: height)
        case .pageDown: log.pageDown(viewportHeight: height)
        case .selectFirst: log.selectFirst(viewportHeight: height)
        case .follow: log.resumeFollowing()
        case .openFilter: prompt = Prompt(.filter, text: log.filter.pattern)
        case .openSearchForward: prompt = Prompt(.search(.forward))
        case .openSearchBackward: prompt = Prompt(.search(.backward))
        case .searchNext: startSearch(search.direction)
        case .searchPrevious: startSearch(search.direction.reversed)
        case .toggleMessages: log.toggleViewMode()
        case .toggleControlFrames: log.cycleControlFrames()
        case .toggleSent: log.setHidden(.sent, !log.filter.hiddenDirections.contains(.sent))
        case .toggleReceived: log.setHidden(.received, !log.filter.hiddenDirections.contains(.received))
        case .clearFilters: log.setFilter(LogFilter())
        case .cycleTimeColumn: timeColumn = timeColumn.next
        case .editMessage: editSelected()
        case .resend: return resend()
        case .toggleMark: toggleMark()
        case .copyPayload: return copySelected(base64: false)
        case .copyBase64: return copySelected(base64: true)
        case .savePayload: startSave()
        case .replayCapture: startReplay()
        case .reconnectNow:
            if captureSummary != nil || relay != nil { return [] }
            return [.reconnect]
        case .showConnections, .showAllConnections, .chooseConnection, .cycleIntercept, .forwardHeld, .editHeld,
            .dropHeld, .forwardAllHeld, .cycleInjectTarget:
            return performRelay(action)
        case .openDetail:
            // The overlay keeps the record as shown, so drawing and scrolling agree on its lines.
            // What the search said, and a scan still going, were about the log, not this record.
            search.notice = nil
            search.job = nil
            switch log.selectedItem {
            case .record(let entry):
                detailReply = log.replyTiming(for: entry.record)
                overlay = .detail(.record(entry.record.shown(showsSecrets: showsSecrets)), scroll: 0)
            case .message(let message):
                detailReply = log.replyTiming(for: message.first)
                overlay = .detail(.message(message), scroll: 0)
            case nil: break
            }
            if relay != nil {
                // The last message sent may be another connection's: the relay's own line says what matters.
                detailReply = nil
                detailRelay = log.selectedItem.flatMap { item in
                    let frameCount: Int
                    if case .message(let message) = item { frameCount = message.frames.count } else { frameCount = 1 }
                    return relayDetailLine(for: item.firstRecord, frameCount: frameCount)
                }
            }

        case .submit: return submitCompose()
        case .insertNewline: compose.edit { $0.insertNewline() }
        case .cycleComposeMode: compose.cycleMode()
        case .historyPrevious: compose.up()
        case .historyNext: compose.down()
        case .cursorLeft, .cursorRight, .cursorLineStart, .cursorLineEnd, .deleteBackward, .deleteForward,
            .clearInput:
            editInput(action)

        case .applyPrompt: return applyPrompt()
        case .cancel:
            if prompt != nil {
                prompt = nil
            } else {
                if overlay != nil {
                    search.notice = nil
                    search.job = nil
                }
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
        case .log, .global, .relay:
            guard captureSummary == nil else { return }
            focus = .compose
            compose.edit { $0.insert(text) }
        case .compose, .relayCompose:
            compose.edit { $0.insert(text) }
        case .filterPrompt:
            prompt?.input.insert(text.split(whereSeparator: \.isNewline).joined(separator: " "))
            prompt?.error = nil
        case .detail, .help, .capture, .connections:
            break
        }
    }

    private mutating func submitCompose() -> [InspectorEffect] {
        guard let action = compose.submit() else { return [] }
        switch action {
        case .sendText, .sendBinary, .ping, .close:
            // The user wants to see the answer: follow again, as if they had pressed End. Not after editing a held
            // message: the next held one is beside it.
            if relay?.editing == nil { log.resumeFollowing() }
        default: break
        }
        switch action {
        case .sendText(let text): return [.sendText(text)]
        case .sendBinary(let bytes): return [.sendBinary(bytes)]
        case .ping(let payload): return [.ping(payload)]
        case .close(let code, let reason): return [.close(code: code, reason: reason)]
        case .reconnect: return [.reconnect]
        case .setAutoReconnect(let enabled): return [.setAutoReconnect(enabled)]
        case .connect(let url): return [.connect(url)]
        case .export(let path, let filtered): return [.export(path: path, filtered: filtered)]
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
        if prompt != nil {
            apply(&prompt!.input)
            prompt?.error = nil
        } else {
            compose.edit(apply)
        }
    }

    var overlayHeight: Int { layout.overlay?.rows ?? 1 }

    mutating func scrollOverlay(by delta: Int) {
        let width = layout.overlay?.cols ?? 1
        switch overlay {
        case .help(let scroll):
            let count = HelpText.lines(for: bindings).count
            overlay = .help(scroll: clampScroll(scroll + delta, lines: count))
        case .detail(let subject, let scroll):
            let count = DetailDocument(subject: subject, width: width, reply: detailReply, relay: detailRelay).lineCount
            overlay = .detail(subject, scroll: clampScroll(scroll + delta, lines: count))
        case .connections:
            moveConnectionCursor(by: delta)
        case nil:
            break
        }
    }

    func clampScroll(_ value: Int, lines: Int) -> Int {
        max(0, min(value, lines - max(1, overlayHeight - 1)))
    }
}
