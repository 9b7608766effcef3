/// The detail view: one record in full (pretty JSON, wrapped text, or a hex dump, then its frame breakdown).
enum DetailView {
    static func draw(
        _ subject: DetailSubject, reply: ReplyTiming?, relay: String? = nil, scroll: Int, search: SearchState, rect: Rect, hasTitle: Bool,
        clock: ClockFormat, palette: Palette, into canvas: inout some Canvas
    ) {
        canvas.fill(rect, style: palette[.normal])
        var top = rect.row
        let document = DetailDocument(subject: subject, width: rect.cols, clock: clock, reply: reply, relay: relay)
        if hasTitle {
            let name = subject.title
            let space = name.firstIndex(of: " ") ?? name.endIndex
            let title = StyledLine([
                StyledSpan(String(name[..<space]), .title), StyledSpan(String(name[space...]), .hint),
            ])
            let position = ScrollPosition.text(scroll: scroll, height: rect.rows - 1, total: document.lineCount)
            let notice = search.status.map { $0 + " · " } ?? ""
            let right = StyledLine(notice + position + " · j/k g/G scroll · / search · Esc close", .hint)
            PaneTitle.draw(title, right: right, row: top, rect: rect, focused: true, palette: palette, into: &canvas)
            top += 1
        }
        let height = rect.row + rect.rows - top
        guard height > 0 else { return }
        // Only the rows on screen are made: a 100 MB payload costs one screenful per redraw.
        let lines = document.lines(from: scroll, count: height, highlight: search.pattern)
        for (offset, line) in lines.enumerated() {
            canvas.draw(line, row: top + offset, col: rect.col, width: rect.cols, palette: palette)
        }
    }
}
