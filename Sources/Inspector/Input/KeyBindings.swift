/// One line of the binding table: keys, where they apply, what they do, and how help describes it.
package struct KeyBinding: Sendable, Hashable {
    /// The keys (any of them triggers the action).
    package var keys: [Key]
    /// Where they apply.
    package var context: FocusContext
    /// What they do.
    package var action: InspectorAction
    /// The help overlay's description.
    package var help: String

    /// Creates a binding.
    package init(_ keys: [Key], _ context: FocusContext, _ action: InspectorAction, _ help: String) {
        self.keys = keys
        self.context = context
        self.action = action
        self.help = help
    }
}

/// The key binding table: the single source of truth for what every key does in every context, and for the help
/// overlay, which is generated from it. A key looked up in a context falls back to the `global` bindings; in text
/// contexts (compose, filter prompt) an unbound printable character is typed.
package struct KeyBindings: Sendable {
    /// The table, in help order.
    package let bindings: [KeyBinding]
    private let lookup: [FocusContext: [Key: InspectorAction]]

    /// Builds a table; a later binding of the same key in the same context wins.
    package init(_ bindings: [KeyBinding]) {
        self.bindings = bindings
        var lookup: [FocusContext: [Key: InspectorAction]] = [:]
        for binding in bindings {
            for key in binding.keys { lookup[binding.context, default: [:]][key] = binding.action }
        }
        self.lookup = lookup
    }

    /// The action for `key` in `context` (falling back to `global`), or `nil`.
    package func action(for key: Key, in context: FocusContext) -> InspectorAction? {
        let key = key.bindingKey
        return lookup[context]?[key] ?? lookup[.global]?[key]
    }

    /// The keys bound to `action` in `context`, as help writes them (`i, a`), for hints drawn on screen.
    package func keyNames(for action: InspectorAction, in context: FocusContext) -> String {
        bindings.filter { $0.context == context && $0.action == action }
            .flatMap(\.keys).map(\.displayName).joined(separator: ", ")
    }

    /// The default table.
    package static let standard = KeyBindings([
        // Everywhere
        KeyBinding([.ctrl("c")], .global, .quit, "quit, restoring the terminal"),
        KeyBinding([.function(1)], .global, .showHelp, "help (this screen)"),
        KeyBinding([.tab, .backTab], .global, .cycleFocus, "switch between log and compose"),
        KeyBinding([.resize], .global, .redraw, "redraw for the new terminal size"),
        KeyBinding([.mouse(.press)], .global, .pointAt, "select the row clicked, or focus the pane (--no-mouse: off)"),
        KeyBinding([.mouse(.wheelUp)], .global, .wheelUp, "scroll the log, the detail view or help up"),
        KeyBinding([.mouse(.wheelDown)], .global, .wheelDown, "scroll down"),

        // Log
        KeyBinding([.character("q")], .log, .quit, "quit"),
        KeyBinding([.character("h")], .log, .showHelp, "help"),
        KeyBinding([.character("k"), .up], .log, .selectPrevious, "previous row (pauses follow)"),
        KeyBinding([.character("j"), .down], .log, .selectNext, "next row"),
        KeyBinding([.pageUp, .ctrl("b")], .log, .pageUp, "page up (pauses follow)"),
        KeyBinding([.pageDown, .ctrl("f")], .log, .pageDown, "page down"),
        KeyBinding([.character("g"), .home], .log, .selectFirst, "first row (pauses follow)"),
        KeyBinding([.character("G"), .end], .log, .follow, "last row, follow new traffic"),
        KeyBinding([.enter], .log, .openDetail, "open the selected row"),
        KeyBinding([.character("/")], .log, .openSearchForward, "search forward (regex over whole payloads)"),
        KeyBinding([.character("?")], .log, .openSearchBackward, "search backward"),
        KeyBinding([.character("n")], .log, .searchNext, "next match, the way the search went"),
        KeyBinding([.character("N")], .log, .searchPrevious, "previous match"),
        KeyBinding([.character("&")], .log, .openFilter, "filter rows by regex on the preview"),
        KeyBinding([.character("m")], .log, .toggleMessages, "rows: frames or whole messages"),
        KeyBinding([.character("c")], .log, .toggleControlFrames, "control frames: all but keepalive, all, none"),
        KeyBinding([.character("s")], .log, .toggleSent, "hide/show sent (→)"),
        KeyBinding([.character("r")], .log, .toggleReceived, "hide/show received (←)"),
        KeyBinding([.character("x")], .log, .clearFilters, "clear all filters"),
        KeyBinding([.character("t")], .log, .cycleTimeColumn, "time column: clock, since connect, since previous row"),
        KeyBinding([.character("i"), .character("a")], .log, .cycleFocus, "compose a message"),
        KeyBinding([.character("e")], .log, .editMessage, "edit the selected message in compose (TEXT, or HEX for binary)"),
        KeyBinding([.character(".")], .log, .resend, "send the selected message again, or the marked ones in log order"),
        KeyBinding([.character(" ")], .log, .toggleMark, "mark or unmark the selected message (for .)"),
        KeyBinding([.character("y")], .log, .copyPayload, "copy the payload to the clipboard (OSC 52; binary as hex)"),
        KeyBinding([.character("Y")], .log, .copyBase64, "copy the payload's base64 to the clipboard"),
        KeyBinding([.character("w")], .log, .savePayload, "write the payload's exact bytes to a file"),
        KeyBinding([.character("R")], .log, .reconnectNow, "reconnect now, keeping the log"),

        // Capture view
        KeyBinding([.character("r")], .capture, .replayCapture, "replay the selected row's connection to a URL (asks for it)"),

        // Relay log
        KeyBinding([.character("C")], .relay, .showConnections, "connection list: pick the connection the log shows"),
        KeyBinding([.character("*")], .relay, .showAllConnections, "show all connections, merged in time order"),
        KeyBinding([.character("I")], .relay, .cycleIntercept, "intercept the connection: C→S, S→C, both, off"),
        KeyBinding([.enter], .relay, .forwardHeld, "HELD row: forward it; other rows: open"),
        KeyBinding([.character("e")], .relay, .editHeld, "edit in compose; on a HELD row Enter there forwards the edit"),
        KeyBinding([.character("d")], .relay, .dropHeld, "HELD row: drop it"),
        KeyBinding([.character("F")], .relay, .forwardAllHeld, "forward every held message of the connection, in order"),

        // Compose
        KeyBinding([.enter], .compose, .submit, "send the message or run the /command"),
        KeyBinding([.altEnter, .ctrl("j")], .compose, .insertNewline, "insert a line break"),
        KeyBinding([.ctrl("t")], .compose, .cycleComposeMode, "mode: text → hex → base64"),
        KeyBinding([.up], .compose, .historyPrevious, "previous line, or older history"),
        KeyBinding([.down], .compose, .historyNext, "next line, or newer history"),
        KeyBinding([.left], .compose, .cursorLeft, "cursor left"),
        KeyBinding([.right], .compose, .cursorRight, "cursor right"),
        KeyBinding([.home, .ctrl("a")], .compose, .cursorLineStart, "start of line"),
        KeyBinding([.end, .ctrl("e")], .compose, .cursorLineEnd, "end of line"),
        KeyBinding([.backspace], .compose, .deleteBackward, "delete before the cursor"),
        KeyBinding([.delete, .ctrl("d")], .compose, .deleteForward, "delete under the cursor"),
        KeyBinding([.ctrl("u")], .compose, .clearInput, "clear the message"),
        KeyBinding([.escape], .compose, .cycleFocus, "back to the log"),

        // Compose in relay mode
        KeyBinding([.ctrl("d")], .relayCompose, .cycleInjectTarget, "send to: the connection's server or its client"),

        // Connection list
        KeyBinding([.character("k"), .up], .connections, .scrollUp, "previous connection"),
        KeyBinding([.character("j"), .down], .connections, .scrollDown, "next connection"),
        KeyBinding([.enter], .connections, .chooseConnection, "show this connection's rows"),
        KeyBinding([.character("*")], .connections, .showAllConnections, "show all connections"),
        KeyBinding([.escape, .character("q"), .character("C")], .connections, .cancel, "close"),

        // Filter and search prompt
        KeyBinding([.enter], .filterPrompt, .applyPrompt, "filter (empty clears it) or search (empty repeats)"),
        KeyBinding([.escape], .filterPrompt, .cancel, "cancel"),
        KeyBinding([.left], .filterPrompt, .cursorLeft, "cursor left"),
        KeyBinding([.right], .filterPrompt, .cursorRight, "cursor right"),
        KeyBinding([.home, .ctrl("a")], .filterPrompt, .cursorLineStart, "start of line"),
        KeyBinding([.end, .ctrl("e")], .filterPrompt, .cursorLineEnd, "end of line"),
        KeyBinding([.backspace], .filterPrompt, .deleteBackward, "delete before the cursor"),
        KeyBinding([.delete], .filterPrompt, .deleteForward, "delete under the cursor"),
        KeyBinding([.ctrl("u")], .filterPrompt, .clearInput, "clear the pattern"),

        // Detail view
        KeyBinding([.character("k"), .up], .detail, .scrollUp, "scroll up"),
        KeyBinding([.character("j"), .down], .detail, .scrollDown, "scroll down"),
        KeyBinding([.pageUp, .character("b")], .detail, .scrollPageUp, "page up"),
        KeyBinding([.pageDown, .character(" ")], .detail, .scrollPageDown, "page down"),
        KeyBinding([.character("g"), .home], .detail, .scrollTop, "first line"),
        KeyBinding([.character("G"), .end], .detail, .scrollBottom, "last line"),
        KeyBinding([.character("/")], .detail, .openSearchForward, "search forward in the document"),
        KeyBinding([.character("?")], .detail, .openSearchBackward, "search backward in the document"),
        KeyBinding([.character("n")], .detail, .searchNext, "next match"),
        KeyBinding([.character("N")], .detail, .searchPrevious, "previous match"),
        KeyBinding([.escape, .character("q"), .enter], .detail, .cancel, "close"),

        // Help
        KeyBinding([.character("k"), .up], .help, .scrollUp, "scroll up"),
        KeyBinding([.character("j"), .down], .help, .scrollDown, "scroll down"),
        KeyBinding([.pageUp], .help, .scrollPageUp, "page up"),
        KeyBinding([.pageDown, .character(" ")], .help, .scrollPageDown, "page down"),
        KeyBinding([.character("g"), .home], .help, .scrollTop, "first line"),
        KeyBinding([.character("G"), .end], .help, .scrollBottom, "last line"),
        KeyBinding([.escape, .character("q"), .character("h"), .function(1)], .help, .cancel, "close"),
    ])
}
