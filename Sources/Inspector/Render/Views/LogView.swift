/// The message log pane: a title with row counts and active filters, then one row per visible record, the
/// selection highlighted.
enum LogView {
    static func draw(
        _ state: InspectorState, rect: Rect, hasTitle: Bool, formatter: LogRowFormatter, palette: Palette,
        asciiOnly: Bool = false, into canvas: inout some Canvas
    ) {
        let log = state.log
        canvas.fill(rect, style: palette[.normal])
        var top = rect.row
        if hasTitle {
            var right = filterSummary(log.filter)
            if let notice = state.search.status {
                let separator = right.spans.isEmpty ? [] : [StyledSpan(" · ", .hint)]
                right = StyledLine([StyledSpan(notice, .hint)] + separator + right.spans)
            }
            PaneTitle.draw(
                title(log, timeColumn: state.timeColumn), right: right, row: top, rect: rect,
                focused: state.focus == .log && state.overlay == nil, palette: palette, into: &canvas)
            top += 1
        }
        // The paused selection left the bounded log: say so, rather than silently selecting another record.
        if let loss = log.selectionLoss, let id = log.selectedEntry?.record.id, top < rect.row + rect.rows {
            canvas.draw(
                StyledLine(lossMessage(id: id, loss: loss, limits: log.limits), .error), row: top,
                col: rect.col, width: rect.cols, palette: palette)
            top += 1
        }
        let height = rect.row + rect.rows - top
        guard height > 0 else { return }
        guard log.rowCount > 0 else {
            let message = log.recordCount == 0 ? "no records yet" : "no rows match the filter (x clears it)"
            canvas.draw(StyledLine(message, .hint), row: top, col: rect.col, width: rect.cols, palette: palette)
            return
        }
        let first = log.topRow(forHeight: height)
        let selected = log.selectedRow
        // The selection is bright only while keys move it; otherwise it dims, so the focused pane is plain.
        let selectionStyle = palette[state.activeContext == .log ? .selection : .selectionUnfocused]
        for offset in 0..<height {
            let row = first + offset
            guard row < log.rowCount else { break }
            let item = log.item(atRow: row)
            var line = formatter.line(for: item, time: timeText(for: item, row: row, mode: state.timeColumn, log: log))
            if state.relay != nil {
                let record = item.firstRecord
                line = RelayRowFormat.decorate(line, record: record, tag: log.relayTags.tag(for: record.id), ascii: asciiOnly)
            }
            // A marked row (Space) starts with a star; `.` sends the marked rows.
            if !state.marks.isEmpty, state.marks[item.firstRecord.id] != nil {
                line = StyledLine([StyledSpan("*", .hint)] + line.spans)
            }
            // Matches are marked in the preview, the last span; the fixed columns never match.
            if let pattern = state.search.pattern {
                line = SearchHighlight.apply(pattern, to: line, fromSpan: line.spans.count - 1)
            }
            canvas.draw(
                line, row: top + offset, col: rect.col, width: rect.cols, palette: palette,
                override: row == selected ? selectionStyle : nil)
        }
    }

    static func lossMessage(id: UInt64, loss: DropCause, limits: LogLimits) -> String {
        let why: String
        switch loss {
        case .capacity: why = "capacity " + CountFormat.grouped(limits.capacity)
        case .memory: why = "memory limit " + ByteFormat.size(limits.memoryBudget)
        }
        return "record #\(id) dropped from the log (\(why)) · G follows again"
    }

    /// The time column's text in the relative modes (`nil` keeps the wall clock the formatter writes).
    static func timeText(for item: LogItem, row: Int, mode: TimeColumn, log: LogModel) -> String? {
        let time = item.firstRecord.time
        switch mode {
        case .wallClock:
            return nil
        case .sinceConnect:
            return TimeColumnFormat.sinceConnect(log.connectionStarts.start(for: time).map { time.timeIntervalSince($0) })
        case .sincePrevious:
            let previous = row > 0 ? log.item(atRow: row - 1).firstRecord.time : nil
            return TimeColumnFormat.sincePrevious(previous.map { time.timeIntervalSince($0) })
        }
    }

    private static func title(_ log: LogModel, timeColumn: TimeColumn) -> StyledLine {
        var line = StyledLine()
        line.append(log.viewMode == .messages ? "Messages" : "Log", .title)
        // A message row stands for several records, so the message view counts rows only.
        let shown =
            log.rowCount == log.recordCount || log.viewMode == .messages
            ? "\(log.rowCount)" : "\(log.rowCount) of \(log.recordCount)"
        line.append(" " + shown, .hint)
        if log.isFollowing { line.append(" · following", .hint) }
        if timeColumn != .wallClock { line.append(" · time " + timeColumn.title, .hint) }
        return line
    }

    private static func filterSummary(_ filter: LogFilter) -> StyledLine {
        var parts: [String] = []
        if !filter.pattern.isEmpty { parts.append("/" + SafeText.escape(filter.pattern) + "/") }
        if filter.hideControlFrames {
            parts.append("no control")
        } else if filter.showKeepalive {
            parts.append("keepalive shown")
        }
        if filter.hiddenDirections.contains(.sent) { parts.append("no sent") }
        if filter.hiddenDirections.contains(.received) { parts.append("no received") }
        return parts.isEmpty ? StyledLine() : StyledLine("filter " + parts.joined(separator: " · "), .hint)
    }
}
