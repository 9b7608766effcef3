/// The detail view: one record in full (pretty JSON, wrapped text, or a hex dump, then its frame breakdown).
enum DetailView {
    static func draw(_ record: InspectorRecord, scroll: Int, rect: Rect, hasTitle: Bool, clock: ClockFormat,
                     palette: Palette, into canvas: inout some Canvas) {
        canvas.fill(rect, style: palette[.normal])
        var top = rect.row
        if hasTitle {
            var title = StyledLine()
            title.append("Record", .title)
            title.append(" #\(record.id)", .hint)
            let position = ScrollPosition.text(scroll: scroll, height: rect.rows - 1,
                                               total: DetailFormatter.lineCount(for: record, width: rect.cols))
            PaneTitle.draw(title, right: StyledLine(position + " · j/k g/G scroll · Esc close", .hint), row: top,
                           rect: rect, focused: true, palette: palette, into: &canvas)
            top += 1
        }
        let height = rect.row + rect.rows - top
        guard height > 0 else { return }
        // Only the rows on screen are made: a 100 MB payload costs one screenful per redraw.
        let lines = DetailFormatter.lines(for: record, width: rect.cols, clock: clock, from: scroll, count: height)
        for (offset, line) in lines.enumerated() {
            canvas.draw(line, row: top + offset, col: rect.col, width: rect.cols, palette: palette)
        }
    }
}
