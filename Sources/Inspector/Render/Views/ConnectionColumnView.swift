/// Relay mode on a wide terminal (the frame pane beside the log, from ``Layout/sideBySideColumns`` columns): the
/// top of the side pane lists the connections, newest last, one line each, so the list is in sight without `C`.
///
/// ```
/// ─ Connections 2 ─────────────
/// > #1 OPEN    C→S 3  S→C 2  H1  /chat
///   #2 CLOSED  C→S 0  S→C 9      /feed
/// ```
enum ConnectionColumnView {
    /// The rows the column takes of a side pane `paneRows` tall: its title and a row per connection, at most a
    /// third of the pane, so the frame below keeps most of it.
    static func rows(for relay: RelayModel, paneRows: Int) -> Int {
        min(1 + max(1, relay.connections.count), paneRows / 3)
    }

    static func draw(_ relay: RelayModel, rect outer: Rect, asciiOnly: Bool, palette: Palette, into canvas: inout some Canvas) {
        guard outer.rows > 0, outer.cols > 1 else { return }
        canvas.fill(outer, style: palette[.normal])
        // The same rule as the frame pane's, which it sits on top of.
        for row in outer.row..<(outer.row + outer.rows) {
            canvas.put(row: row, col: outer.col, text: "│", style: palette[.border])
        }
        let rect = Rect(row: outer.row, col: outer.col + 1, rows: outer.rows, cols: outer.cols - 1)
        let shown = relay.selected.map { "showing #\($0) · C list" } ?? "showing all · C list"
        PaneTitle.draw(
            StyledLine("Connections \(relay.connections.count)", .title), right: StyledLine(shown, .hint), row: rect.row,
            rect: rect, focused: false, palette: palette, into: &canvas)
        let height = rect.rows - 1
        guard height > 0 else { return }
        guard !relay.connections.isEmpty else {
            canvas.draw(StyledLine(" no clients yet", .hint), row: rect.row + 1, col: rect.col, width: rect.cols, palette: palette)
            return
        }
        for (offset, connection) in relay.connections.suffix(height).enumerated() {
            canvas.draw(
                line(for: connection, isShown: relay.selected == connection.number, asciiOnly: asciiOnly),
                row: rect.row + 1 + offset, col: rect.col, width: rect.cols, palette: palette)
        }
    }

    static func line(for connection: RelayConnection, isShown: Bool, asciiOnly: Bool) -> StyledLine {
        let arrow = asciiOnly ? "->" : "→"
        var line = StyledLine()
        line.append(isShown ? "> " : "  ", .label)
        line.append(DisplayWidth.pad("#\(connection.number)", to: 5))
        switch connection.phase {
        case .open: line.append("OPEN    ")
        case .ended: line.append("CLOSED  ", .hint)
        case .refused: line.append("REFUSED ", .error)
        }
        line.append("C\(arrow)S " + DisplayWidth.pad("\(connection.toServer)", to: 4), .sent)
        line.append(" S\(arrow)C " + DisplayWidth.pad("\(connection.toClient)", to: 4), .received)
        line.append(connection.held > 0 ? " H\(connection.held) " : " ", connection.held > 0 ? .error : .normal)
        line.append(" " + SafeText.escape(connection.path))
        return line
    }
}
