import CNCurses
import Foundation
import Inspector

/// A ``Canvas`` over an ncurses window, used on the UI thread only.
///
/// Columns are placed by ``DisplayWidth``, the same measure the renderer lays rows out with, and every cell is
/// addressed explicitly, so a character whose width the C library judges differently cannot shift the rest of
/// the row. A wide character that would straddle the right edge becomes a space; combining marks ride in the
/// cell of the character before them (ncurses keeps up to four per cell).
struct CursesCanvas: Canvas {
    private let window: CursesWindow
    private let pairs: ColorPairs
    /// The size when the frame began; the renderer lays out for exactly this size.
    let size: TerminalSize

    /// A canvas over `window` at its current size.
    init(window: CursesWindow, pairs: ColorPairs) {
        self.window = window
        self.pairs = pairs
        size = TerminalSize(rows: Int(getmaxy(window)), cols: Int(getmaxx(window)))
    }

    mutating func clear() {
        wattr_set(window, wsi_a_normal(), 0, nil)
        werase(window)
    }

    mutating func put(row: Int, col: Int, text: String, style: TextStyle) {
        guard row >= 0, row < size.rows, col < size.cols, !text.isEmpty else { return }
        // The renderer only passes escaped text; escaping again here is the last line of defence, so that no
        // code path can ever hand a control character to the terminal.
        let safe = SafeText.containsUnsafe(text) ? SafeText.escape(text) : text
        let look = pairs[style]
        if col >= 0, safe.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            putASCII(row: row, col: col, text: safe, look: look)
        } else {
            putUnicode(row: row, col: col, text: safe, look: look)
        }
    }

    /// The common case (most rows are ASCII): one call for the whole run.
    private func putASCII(row: Int, col: Int, text: String, look: CursesAttributes) {
        let count = min(text.utf8.count, size.cols - col)
        guard count > 0 else { return }
        wattr_set(window, look.attributes, look.pair, nil)
        _ = text.withCString { mvwaddnstr(window, Int32(row), Int32(col), $0, Int32(count)) }
    }

    private func putUnicode(row: Int, col: Int, text: String, look: CursesAttributes) {
        for cell in CellLayout.layOut(text, from: col, columns: size.cols) {
            var scalars = cell.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
            // A scalar the C library cannot print (unassigned, or missing from its tables) would be drawn as
            // nothing or as ncurses' own escape; show the replacement character in its place instead.
            if wsi_wcwidth(scalars[0]) < 0 { scalars = [wchar_t(0xFFFD)] }
            draw(scalars, row: row, col: cell.column, look: look)
        }
    }

    /// Draws one cell: a base character and up to four combining marks (more are dropped, as ncurses would).
    private func draw(_ scalars: [wchar_t], row: Int, col: Int, look: CursesAttributes) {
        var cell = cchar_t()
        var text = Array(scalars.prefix(Int(CCHARW_MAX) - 1))
        text.append(0)
        var status = text.withUnsafeBufferPointer { setcchar(&cell, $0.baseAddress, look.attributes, look.pair, nil) }
        if status == wsi_err() {
            // ncurses refuses clusters whose later scalars are spacing (emoji ZWJ sequences): keep the first.
            let first: [wchar_t] = [text[0], 0]
            status = first.withUnsafeBufferPointer { setcchar(&cell, $0.baseAddress, look.attributes, look.pair, nil) }
            if status == wsi_err() { return }
        }
        _ = mvwadd_wch(window, Int32(row), Int32(col), &cell)
    }
}
