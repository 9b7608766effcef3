extension InspectorState {
    /// Lines one notch of the wheel moves: a few, as terminals scroll.
    package static let wheelLines = 3

    /// Where the last mouse key happened; the mouse actions act there.
    mutating func notePointer(of key: Key) {
        if case .mouse(_, let row, let col) = key { pointer = ScreenCell(row: row, col: col) }
    }

    /// A click: on a log row selects it (pausing follow, as moving up does), on the compose box focuses it,
    /// elsewhere in the log or frame pane focuses the log. Prompts and overlays keep the keyboard: a click
    /// does nothing there.
    mutating func pointAt(_ cell: ScreenCell) {
        guard prompt == nil, overlay == nil else { return }
        let layout = self.layout
        if let rect = layout.compose, rect.holds(cell) {
            if captureSummary == nil { focus = .compose }
            return
        }
        if let rect = layout.hexPane, rect.holds(cell) { focus = .log }
        guard let rect = layout.log, rect.holds(cell) else { return }
        focus = .log
        // The rows start where LogView draws them: under the title and the line saying the selection was dropped.
        var top = rect.row + (layout.hasTitles ? 1 : 0)
        if log.selectionLoss != nil, log.selectedEntry != nil { top += 1 }
        let height = rect.row + rect.rows - top
        guard height > 0, cell.row >= top else { return }
        let row = log.topRow(forHeight: height) + (cell.row - top)
        guard row < log.rowCount else { return }
        log.selectRow(row, viewportHeight: height)
    }

    /// The wheel: scrolls the overlay when one is open, else moves the log's selection (up pauses follow).
    mutating func wheel(by lines: Int) {
        if overlay != nil {
            scrollOverlay(by: lines)
        } else {
            log.moveSelection(by: lines, viewportHeight: layout.logViewportHeight)
        }
    }
}

/// A cell of the screen, 0-based from the top left.
package struct ScreenCell: Sendable, Hashable {
    /// The row.
    package var row: Int
    /// The column.
    package var col: Int

    /// Creates a cell.
    package init(row: Int, col: Int) {
        self.row = row
        self.col = col
    }
}

extension Rect {
    /// Whether `cell` lies inside.
    func holds(_ cell: ScreenCell) -> Bool {
        cell.row >= row && cell.row < row + rows && cell.col >= col && cell.col < col + cols
    }
}
