import WebSockets

/// What the status bar says in relay mode: which connection the log shows (in the part never cut), and beside the
/// listen address the shown connection's intercept, held count and where compose sends.
enum RelayStatusParts {
    /// ` #2 ` or ` ALL 3 `: the connection the log shows, or all of them and how many.
    static func badge(_ relay: RelayModel) -> String {
        relay.selected.map { " #\($0) " } ?? " ALL \(relay.connections.count) "
    }

    /// ` ws://127.0.0.1:9000 → wss://upstream  intercept C→S  held 2  send → server #2`.
    static func details(_ state: InspectorState, _ relay: RelayModel, asciiOnly: Bool) -> StyledLine {
        let arrow = asciiOnly ? "->" : "→"
        var text = " " + SafeText.escape(relay.listenURL) + " \(arrow) " + SafeText.escape(Redaction.url(relay.upstream))
        let focus = state.relayFocusConnection
        if let number = focus, let connection = relay.connection(number) {
            text += "  intercept " + connection.intercept.label(ascii: asciiOnly)
            if connection.held > 0 { text += "  held \(connection.held)" }
        } else {
            let held = relay.connections.reduce(0) { $0 + $1.held }
            if held > 0 { text += "  held \(held)" }
        }
        if relay.editing != nil {
            text += "  Enter forwards the edit"
        } else {
            text += "  send \(arrow) \(relay.injectTarget.name)" + (focus.map { " #\($0)" } ?? " (pick one: C)")
        }
        return StyledLine(text, .statusBar)
    }
}
