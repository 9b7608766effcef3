/// The help overlay: every key binding, generated from the table, over the log and hex panes.
enum HelpOverlay {
    static func draw(
        _ state: InspectorState, scroll: Int, rect: Rect, hasTitle: Bool, palette: Palette,
        into canvas: inout some Canvas
    ) {
        canvas.fill(rect, style: palette[.normal])
        var top = rect.row
        let lines = HelpText.lines(for: state.bindings)
        if hasTitle {
            let position = ScrollPosition.text(scroll: scroll, height: rect.rows - 1, total: lines.count)
            let right = StyledLine(position + " · j/k g/G scroll · Esc close", .hint)
            PaneTitle.draw(
                StyledLine("Help", .title), right: right, row: top, rect: rect, focused: true,
                palette: palette, into: &canvas)
            top += 1
        }
        let height = rect.row + rect.rows - top
        for (offset, line) in lines.dropFirst(scroll).prefix(max(0, height)).enumerated() {
            canvas.draw(line, row: top + offset, col: rect.col, width: rect.cols, palette: palette)
        }
    }
}
