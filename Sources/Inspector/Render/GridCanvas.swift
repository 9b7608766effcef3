/// An in-memory ``Canvas``: a grid of cells whose text tests read back.
package struct GridCanvas: Canvas, Sendable {
    /// One cell: a grapheme cluster (or `""` for the right half of a wide character) and its style.
    package struct Cell: Sendable, Hashable {
        /// The text in the cell.
        package var text: String
        /// Its style.
        package var style: TextStyle
    }

    /// The size.
    package let size: TerminalSize
    /// The cells, row by row.
    package private(set) var cells: [[Cell]]

    /// Creates a blank grid.
    package init(rows: Int, cols: Int) {
        size = TerminalSize(rows: rows, cols: cols)
        cells = Array(repeating: Array(repeating: Cell(text: " ", style: .plain), count: size.cols), count: size.rows)
    }

    /// Blanks every cell.
    package mutating func clear() {
        for row in cells.indices {
            for col in cells[row].indices { cells[row][col] = Cell(text: " ", style: .plain) }
        }
    }

    /// Writes text cell by cell: a wide character takes its cell and the next (left as `""`), a zero-width
    /// character joins the previous cell, and a wide character that would straddle the right edge becomes a space.
    package mutating func put(row: Int, col: Int, text: String, style: TextStyle) {
        guard row >= 0, row < size.rows else { return }
        for cell in CellLayout.layOut(text, from: col, columns: size.cols) {
            set(row, cell.column, cell.text, style)
        }
    }

    private mutating func set(_ row: Int, _ col: Int, _ text: String, _ style: TextStyle) {
        let isWide = DisplayWidth.of(text) == 2 && col + 1 < size.cols
        release(row, col)
        if isWide { release(row, col + 1) }
        cells[row][col] = Cell(text: text, style: style)
        if isWide { cells[row][col + 1] = Cell(text: "", style: style) }
    }

    /// Before a cell is overwritten: if it is either half of a wide character, the other half becomes a space, so
    /// no half-characters are left behind.
    private mutating func release(_ row: Int, _ col: Int) {
        if cells[row][col].text.isEmpty {
            if col > 0 { cells[row][col - 1].text = " " }
        } else if DisplayWidth.of(cells[row][col].text) == 2, col + 1 < size.cols {
            cells[row][col + 1].text = " "
        }
    }

    /// The text of one row (wide characters once, so its display width equals the column count).
    package func rowText(_ row: Int) -> String { cells[row].map(\.text).joined() }

    /// Every row's text.
    package var lines: [String] { (0..<size.rows).map(rowText) }

    /// The whole grid as text, rows separated by line feeds.
    package var text: String { lines.joined(separator: "\n") }

    /// The style of one cell.
    package func style(row: Int, col: Int) -> TextStyle { cells[row][col].style }
}
