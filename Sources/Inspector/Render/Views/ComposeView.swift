/// The compose box: a title with the mode badge and key hints, the input lines (scrolled to the cursor), and the
/// inline error. Returns where the terminal cursor belongs.
enum ComposeView {
    static func draw(
        _ state: InspectorState, rect: Rect, hasTitle: Bool, palette: Palette, into canvas: inout some Canvas
    ) -> (row: Int, col: Int)? {
        let compose = state.compose
        let focused = state.focus == .compose && state.overlay == nil
        canvas.fill(rect, style: palette[.normal])
        var top = rect.row
        var bottom = rect.row + rect.rows
        let badge = " " + compose.mode.label + " "
        if hasTitle {
            var title = StyledLine()
            title.append("Compose", .title)
            title.append(" ")
            title.append(badge, .composeMode)
            let hint =
                state.captureSummary != nil
                ? StyledLine(
                    "read-only capture: " + state.bindings.keyNames(for: .replayCapture, in: .capture)
                        + " replays it to a URL", .hint)
                : focused
                    ? StyledLine("Enter send · Alt-Enter newline · ^T mode · F1 help", .hint)
                    : StyledLine(state.bindings.keyNames(for: .cycleFocus, in: .log) + " to compose", .hint)
            PaneTitle.draw(title, right: hint, row: top, rect: rect, focused: focused, palette: palette, into: &canvas)
            top += 1
        }
        if let error = compose.error, bottom - top >= 2 {
            bottom -= 1
            canvas.draw(
                StyledLine("✗ " + error.description, .error), row: bottom, col: rect.col, width: rect.cols,
                palette: palette)
        }
        let rows = bottom - top
        guard rows > 0 else { return nil }

        // Without a title the mode badge leads the single input line instead.
        var prefix = ""
        if !hasTitle {
            prefix = "[" + compose.mode.label + "] "
            canvas.put(
                row: top, col: rect.col, text: DisplayWidth.pad(prefix, to: min(rect.cols, prefix.count)),
                style: palette[.composeMode])
        }
        let inputCol = rect.col + min(rect.cols, prefix.count)
        let inputWidth = rect.col + rect.cols - inputCol
        let lines = compose.buffer.lines
        let cursorLine = compose.buffer.cursorLine
        let firstLine = max(0, min(cursorLine - rows + 1, lines.count - rows))
        var cursor: (row: Int, col: Int)?
        for offset in 0..<rows where firstLine + offset < lines.count {
            let index = firstLine + offset
            let text = SafeText.escape(lines[index])
            var shift = 0
            if index == cursorLine {
                let column = cursorColumn(buffer: compose.buffer)
                shift = max(0, column - inputWidth + 1)
                if focused && inputWidth > 0 { cursor = (top + offset, inputCol + column - shift) }
            }
            canvas.draw(
                StyledLine(dropColumns(text, shift), .normal), row: top + offset, col: inputCol,
                width: inputWidth, palette: palette)
        }
        // The placeholder invites typing, so it shows only where typing goes.
        if compose.buffer.isEmpty && focused && inputWidth > 0 {
            canvas.draw(
                StyledLine(placeholder(compose.mode), .hint), row: top, col: inputCol, width: inputWidth,
                palette: palette)
        }
        return cursor
    }

    /// The cursor's column in the escaped line (escaping can change widths, e.g. an ESC becomes `␛`).
    static func cursorColumn(buffer: TextBuffer) -> Int {
        let before = String(buffer.text.prefix(buffer.cursor))
        let lineStart = before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex
        return DisplayWidth.of(SafeText.escape(before[lineStart...]))
    }

    /// Text without its first `columns` columns (for horizontal scrolling).
    static func dropColumns(_ text: String, _ columns: Int) -> String {
        guard columns > 0 else { return text }
        let (head, _) = DisplayWidth.prefix(text, fitting: columns)
        return String(text[head.endIndex...])
    }

    private static func placeholder(_ mode: ComposeMode) -> String {
        switch mode {
        case .text: return "type a message, or /help for commands"
        case .hex: return "hex bytes, e.g. 48 65 6c 6c 6f"
        case .base64: return "base64, e.g. SGVsbG8="
        }
    }
}
