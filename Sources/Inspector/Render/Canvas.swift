/// A terminal's size in character cells.
package struct TerminalSize: Sendable, Hashable {
    /// Rows (lines).
    package var rows: Int
    /// Columns.
    package var cols: Int

    /// Creates a size; negative values count as zero.
    package init(rows: Int, cols: Int) {
        self.rows = max(0, rows)
        self.cols = max(0, cols)
    }
}

/// A grid of styled cells the renderer draws on: ncurses windows in the Terminal layer, ``GridCanvas`` in tests.
///
/// The renderer only ever passes printable text (everything from a peer has been through ``SafeText``) and
/// measures it with ``DisplayWidth``. A canvas clips at its edges and never draws half of a wide character.
package protocol Canvas {
    /// The drawable size.
    var size: TerminalSize { get }
    /// Draws `text` starting at (`row`, `col`) in `style`, clipped at the right edge.
    mutating func put(row: Int, col: Int, text: String, style: TextStyle)
    /// Blanks every cell.
    mutating func clear()
}

/// A rectangle of cells.
package struct Rect: Sendable, Hashable {
    /// Top row.
    package var row: Int
    /// Left column.
    package var col: Int
    /// Height.
    package var rows: Int
    /// Width.
    package var cols: Int

    /// Creates a rectangle.
    package init(row: Int, col: Int, rows: Int, cols: Int) {
        self.row = row
        self.col = col
        self.rows = max(0, rows)
        self.cols = max(0, cols)
    }

    /// Whether it has no cells.
    package var isEmpty: Bool { rows == 0 || cols == 0 }
}

extension Canvas {
    /// Draws a styled line at (`row`, `col`) within `width` columns, cutting it with `…` when too long and padding
    /// the rest with `fill`. `override` replaces every span's style (the selected row) but a search match's, so a
    /// match stays visible in the selected row.
    mutating func draw(
        _ line: StyledLine, row: Int, col: Int, width: Int, palette: Palette, fill: ThemeRole = .normal,
        override: TextStyle? = nil
    ) {
        guard width > 0, row >= 0, row < size.rows else { return }
        var used = 0
        let total = line.spans.reduce(0) { $0 + DisplayWidth.of($1.text) }
        let budget = total > width ? width - 1 : width
        for span in line.spans where used < budget {
            let (text, w) = DisplayWidth.prefix(span.text, fitting: budget - used)
            let style = span.role == .searchMatch ? palette[span.role] : (override ?? palette[span.role])
            if !text.isEmpty { put(row: row, col: col + used, text: String(text), style: style) }
            used += w
            if w < DisplayWidth.of(span.text) { break }
        }
        if total > width {
            put(row: row, col: col + used, text: "…", style: override ?? palette[fill])
            used += 1
        }
        if used < width {
            put(
                row: row, col: col + used, text: String(repeating: " ", count: width - used),
                style: override ?? palette[fill])
        }
    }

    /// Fills a rectangle with spaces in `style`.
    mutating func fill(_ rect: Rect, style: TextStyle) {
        guard !rect.isEmpty else { return }
        let blank = String(repeating: " ", count: rect.cols)
        for row in rect.row..<(rect.row + rect.rows) { put(row: row, col: rect.col, text: blank, style: style) }
    }
}
