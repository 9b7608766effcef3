/// Where each pane goes for a terminal size. Every rectangle lies inside the screen, so drawing never goes off
/// it; panes are dropped (hex pane first, then titles, then the status bar) as the screen shrinks.
///
/// ```
/// ┌ status bar ─────────────────────────┐  1 row
/// │ ─ Log ───────────────────────────── │  title + rows
/// │ ─ Frame ─────────────────────────── │  title + hex lines   (beside the log when wide)
/// │ ─ Compose · TEXT ────────────────── │  title + 1–3 input lines + inline error
/// └─────────────────────────────────────┘
/// ```
package struct Layout: Sendable, Hashable {
    /// The status bar row, or `nil` when there is no room.
    package var statusBar: Rect?
    /// The log, including its title row when it has one.
    package var log: Rect?
    /// The frame-hex pane, including its title row.
    package var hexPane: Rect?
    /// The compose box (or filter prompt), including its title row when it has one.
    package var compose: Rect?
    /// The area overlays (help, detail) cover: everything between status bar and compose box.
    package var overlay: Rect?
    /// Whether panes carry title rows (dropped on tiny screens).
    package var hasTitles: Bool

    /// Columns from which the hex pane goes beside the log rather than under it.
    package static let sideBySideColumns = 150
    /// Rows the middle area needs before a stacked hex pane is shown.
    package static let minimumRowsForHexPane = 12

    /// Computes the layout. `composeLines` is how many input lines the compose box wants (1–3); `composeMessage`
    /// adds a row for an inline error.
    package static func make(size: TerminalSize, composeLines: Int = 1, composeMessage: Bool = false) -> Layout {
        var layout = Layout(hasTitles: size.rows >= 6)
        guard size.rows > 0, size.cols > 0 else { return layout }
        var top = 0
        var bottom = size.rows
        if size.rows >= 3 {
            layout.statusBar = Rect(row: 0, col: 0, rows: 1, cols: size.cols)
            top = 1
        }
        // The compose box keeps at least its input line; it grows with the text while the log keeps 3 rows.
        let titleRows = layout.hasTitles ? 1 : 0
        if size.rows >= 2 {
            let wanted = titleRows + max(1, min(3, composeLines)) + (composeMessage ? 1 : 0)
            let height = max(1, min(wanted, size.rows - top - 1 - titleRows - 3))
            bottom = size.rows - height
            layout.compose = Rect(row: bottom, col: 0, rows: height, cols: size.cols)
        }
        let middle = Rect(row: top, col: 0, rows: bottom - top, cols: size.cols)
        layout.overlay = middle.isEmpty ? nil : middle
        guard !middle.isEmpty else { return layout }

        if size.cols >= sideBySideColumns && middle.rows >= 4 {
            let hexWidth = HexDump.lineWidth(bytesPerLine: 16) + 2
            layout.log = Rect(row: middle.row, col: 0, rows: middle.rows, cols: size.cols - hexWidth)
            layout.hexPane = Rect(row: middle.row, col: size.cols - hexWidth, rows: middle.rows, cols: hexWidth)
        } else if middle.rows >= minimumRowsForHexPane && size.cols >= 30 {
            let hexRows = middle.rows / 2
            layout.log = Rect(row: middle.row, col: 0, rows: middle.rows - hexRows, cols: size.cols)
            layout.hexPane = Rect(row: middle.row + middle.rows - hexRows, col: 0, rows: hexRows, cols: size.cols)
        } else {
            layout.log = middle
        }
        return layout
    }

    /// The log rows available for records (its height minus the title row).
    package var logViewportHeight: Int {
        guard let log else { return 1 }
        return max(1, log.rows - (hasTitles ? 1 : 0))
    }
}
