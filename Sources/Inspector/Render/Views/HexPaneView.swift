/// The frame-hex pane: the decoded header and byte dump of the selected record.
enum HexPaneView {
    static func draw(
        _ state: InspectorState, rect outer: Rect, hasTitle: Bool, palette: Palette,
        into canvas: inout some Canvas
    ) {
        canvas.fill(outer, style: palette[.normal])
        var rect = outer
        // Beside the log, a vertical rule separates the panes.
        if outer.col > 0 && outer.cols > 1 {
            for row in outer.row..<(outer.row + outer.rows) {
                canvas.put(row: row, col: outer.col, text: "│", style: palette[.border])
            }
            rect = Rect(row: outer.row, col: outer.col + 1, rows: outer.rows, cols: outer.cols - 1)
        }
        var top = rect.row
        let item = state.log.selectedItem
        if hasTitle {
            var title = StyledLine()
            if case .message(let message) = item {
                title.append("Message", .title)
                title.append(" #\(message.first.id)", .hint)
            } else {
                title.append("Frame", .title)
                if let record = item?.firstRecord { title.append(" #\(record.id)", .hint) }
            }
            PaneTitle.draw(title, row: top, rect: rect, focused: false, palette: palette, into: &canvas)
            top += 1
        }
        let height = rect.row + rect.rows - top
        guard height > 0 else { return }
        let bytesPerLine = HexDump.bytesPerLine(fitting: rect.cols)
        let lines: [StyledLine]
        switch item {
        case nil:
            canvas.draw(
                StyledLine("select a row to see its bytes", .hint), row: top, col: rect.col, width: rect.cols,
                palette: palette)
            return
        case .record(let entry):
            lines = HexPaneFormatter.lines(
                for: entry.record.shown(showsSecrets: state.showsSecrets),
                bytesPerLine: bytesPerLine, maxDumpLines: height,
                highlight: state.search.pattern)
        case .message(let message):
            lines = HexPaneFormatter.lines(
                for: message, bytesPerLine: bytesPerLine, maxLines: height,
                highlight: state.search.pattern)
        }
        for (offset, line) in lines.prefix(height).enumerated() {
            canvas.draw(line, row: top + offset, col: rect.col, width: rect.cols, palette: palette)
        }
    }
}
