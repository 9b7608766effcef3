/// The filter or search prompt, drawn where the compose box is while it is open.
enum FilterPromptView {
    static func draw(
        _ state: InspectorState, prompt: Prompt, rect: Rect, hasTitle: Bool, palette: Palette,
        into canvas: inout some Canvas
    ) -> (row: Int, col: Int)? {
        let input = prompt.input
        canvas.fill(rect, style: palette[.normal])
        var top = rect.row
        var bottom = rect.row + rect.rows
        if hasTitle {
            let (name, hint): (String, String)
            let searchHint = "regex over whole payloads · Enter search · Esc cancel"
            switch prompt.kind {
            case .filter: (name, hint) = ("Filter", "regex on the preview · Enter apply · Esc cancel")
            case .search(.forward): (name, hint) = ("Search forward", searchHint)
            case .search(.backward): (name, hint) = ("Search backward", searchHint)
            case .savePath: (name, hint) = ("Save payload", "the exact bytes · Enter write · Esc cancel")
            case .confirmOverwrite: (name, hint) = ("Overwrite?", "y Enter replaces the file · Enter or Esc keeps it")
            case .replayURL: (name, hint) = ("Replay", "sends its sent messages with their gaps · Enter go · Esc cancel")
            }
            PaneTitle.draw(
                StyledLine(name, .title), right: StyledLine(hint, .hint),
                row: top, rect: rect, focused: true, palette: palette, into: &canvas)
            top += 1
        }
        if let error = prompt.error, bottom - top >= 2 {
            bottom -= 1
            canvas.draw(StyledLine("✗ " + error, .error), row: bottom, col: rect.col, width: rect.cols, palette: palette)
        }
        guard bottom > top, rect.cols > 0 else { return nil }
        let text = SafeText.escape(input.text)
        let column = DisplayWidth.of(prompt.symbol) + DisplayWidth.of(SafeText.escape(input.text.prefix(input.cursor)))
        let shift = max(0, column - rect.cols + 1)
        var line = StyledLine()
        line.append(prompt.symbol, .label)
        line.append(text)
        let shown = ComposeView.dropColumns(line.text, shift)
        canvas.draw(StyledLine(shown, .normal), row: top, col: rect.col, width: rect.cols, palette: palette)
        return (top, rect.col + column - shift)
    }
}
