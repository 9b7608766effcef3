/// The title row every pane starts with: `─ Title ─────── right ─`, in the border colour, brighter when focused.
enum PaneTitle {
    static func draw(
        _ title: StyledLine, right: StyledLine = StyledLine(), row: Int, rect: Rect, focused: Bool,
        palette: Palette, into canvas: inout some Canvas
    ) {
        let borderRole: ThemeRole = focused ? .borderFocused : .border
        var line = StyledLine()
        line.append("─ ", borderRole)
        line.spans += title.spans
        line.append(" ", borderRole)
        let titleWidth = DisplayWidth.of(line.text)
        var rightWidth = right.spans.isEmpty ? 0 : DisplayWidth.of(right.text) + 3
        // The right-hand hint is the first thing to go when the row is narrow.
        if rect.cols - titleWidth - rightWidth < 1 { rightWidth = 0 }
        let dashes = rect.cols - titleWidth - rightWidth
        if dashes > 0 {
            line.append(String(repeating: "─", count: dashes), borderRole)
            if rightWidth > 0 {
                line.append(" ", borderRole)
                line.spans += right.spans
                line.append(" ─", borderRole)
            }
        }
        canvas.draw(line, row: row, col: rect.col, width: rect.cols, palette: palette, fill: borderRole)
    }
}
