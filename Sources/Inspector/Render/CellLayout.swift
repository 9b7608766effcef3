/// One terminal cell of laid-out text: its column, what it shows, and how many columns that takes.
package struct LaidOutCell: Sendable, Hashable {
    /// The first column the cell occupies.
    package var column: Int
    /// A base character with any combining marks that follow it, or a single space.
    package var text: String
    /// 1, or 2 for a wide character.
    package var width: Int
}

/// How a run of text lands on one row of cells, shared by every canvas so the in-memory grid the tests read and
/// the ncurses screen agree cell for cell.
package enum CellLayout {
    /// Lays `text` out from `column` on a row `columns` wide.
    ///
    /// Characters left of column 0 are skipped and the run stops at the right edge. A combining mark joins the
    /// cell before it; one with no base in this run is shown on a dotted circle, as Unicode charts do, rather than
    /// merging into whatever cell happens to sit to its left. A wide character that would straddle the right edge
    /// becomes a space.
    package static func layOut(_ text: String, from column: Int, columns: Int) -> [LaidOutCell] {
        var cells: [LaidOutCell] = []
        var column = column
        var lastCellInRun: Int?
        for character in text {
            let width = DisplayWidth.of(character)
            if width == 0 {
                if let lastCellInRun {
                    cells[lastCellInRun].text.append(character)
                    continue
                }
                if column >= 0, column < columns {
                    cells.append(LaidOutCell(column: column, text: "◌" + String(character), width: 1))
                    lastCellInRun = cells.count - 1
                }
                column += 1
                continue
            }
            if column >= columns { break }
            if column < 0 {
                column += width
                continue
            }
            if column + width > columns {
                cells.append(LaidOutCell(column: column, text: " ", width: 1))
                break
            }
            cells.append(LaidOutCell(column: column, text: String(character), width: width))
            lastCellInRun = cells.count - 1
            column += width
        }
        return cells
    }
}
