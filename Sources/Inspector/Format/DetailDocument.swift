import WebSocketCore

/// The detail view's content for one record at one width, laid out lazily: only short parts (summary, headers,
/// labels, text up to ``eagerTextLimit``) are made up front; hex dumps and long text are made a line at a time when
/// asked for. So opening and scrolling a record costs one screen's work however large its payload.
package struct DetailDocument {
    /// Text longer than this is shown in fixed rows (see ``DetailSection/textRows(_:_:)``) instead of being wrapped
    /// and pretty-printed as a whole, which would cost the whole text on every redraw.
    package static let eagerTextLimit = 64 * 1024

    private struct Part {
        var section: DetailSection
        /// Lines made up front, already wrapped (for ``DetailSection/lines(_:)``).
        var wrapped: [StyledLine] = []
        /// Screen rows the part takes.
        var rows = 0
        /// For a dump: the screen rows each full dump line wraps to, how many dump lines there are, and the rows
        /// of the last (shorter) one.
        var rowsPerLine = 1
        var dumpLines = 0
        var lastLineRows = 0
    }

    private let parts: [Part]
    private let width: Int
    private let bytesPerLine: Int
    /// Screen rows in all.
    package let lineCount: Int

    /// Lays out `record` for `width` columns.
    package init(record: InspectorRecord, width: Int, clock: ClockFormat = ClockFormat()) {
        self.init(subject: .record(record), width: width, clock: clock)
    }

    /// Lays out a record or a whole message for `width` columns; `reply` adds, under the summary, how long after
    /// the last sent message a received one came, and `relay` a relay row's connection and leg.
    package init(
        subject: DetailSubject, width: Int, clock: ClockFormat = ClockFormat(), reply: ReplyTiming? = nil,
        relay: String? = nil
    ) {
        let width = max(1, width)
        let bytesPerLine = HexDump.bytesPerLine(fitting: width)
        var parts: [Part] = []
        var total = 0
        var sections: [DetailSection]
        switch subject {
        case .record(let record): sections = Self.sections(for: record, clock: clock)
        case .message(let message): sections = MessageDetail.sections(for: message, clock: clock)
        }
        // Right under the summary, which is the first line of the first section.
        if let reply, case .lines(var head) = sections.first, !head.isEmpty {
            head.insert(StyledLine(reply.text, .hint), at: 1)
            sections[0] = .lines(head)
        }
        if let relay, case .lines(var head) = sections.first, !head.isEmpty {
            head.insert(StyledLine(relay, .hint), at: 1)
            sections[0] = .lines(head)
        }
        for section in sections {
            var part = Part(section: section)
            switch section {
            case .lines(let lines):
                part.wrapped = lines.flatMap { DetailFormatter.wrap($0, width: width) }
                part.rows = part.wrapped.count
            case .dump(let source):
                part.dumpLines = HexDump.lineCount(bytes: source.count, bytesPerLine: bytesPerLine)
                guard part.dumpLines > 0 else { break }
                // Every dump line but the last is as wide as a full line; only the last is measured.
                part.rowsPerLine = Self.rows(HexDump.lineWidth(bytesPerLine: bytesPerLine), width: width)
                let last = source.line(at: (part.dumpLines - 1) * bytesPerLine, bytesPerLine: bytesPerLine)
                part.lastLineRows = DetailFormatter.wrap(last, width: width).count
                part.rows = (part.dumpLines - 1) * part.rowsPerLine + part.lastLineRows
            case .textRows(let bytes, _):
                part.rows = (bytes.count + width - 1) / width
            }
            total += part.rows
            parts.append(part)
        }
        self.parts = parts
        self.width = width
        self.bytesPerLine = bytesPerLine
        lineCount = total
    }

    /// Up to `count` screen rows starting at row `start`, with matches of `highlight` marked (in a hex dump, in
    /// its ASCII column only).
    package func lines(from start: Int, count: Int, highlight: SearchPattern? = nil) -> [StyledLine] {
        var result: [StyledLine] = []
        var first = max(0, start)
        let wanted = max(0, count)
        for part in parts {
            guard result.count < wanted else { break }
            if first >= part.rows {
                first -= part.rows
                continue
            }
            let end = min(part.rows, first + wanted - result.count)
            for row in first..<end { result.append(line(row, of: part, highlight: highlight)) }
            first = 0
        }
        return result
    }

    private func line(_ row: Int, of part: Part, highlight: SearchPattern?) -> StyledLine {
        switch part.section {
        case .lines:
            return highlight.map { SearchHighlight.apply($0, to: part.wrapped[row]) } ?? part.wrapped[row]
        case .dump(let source):
            let fullRows = (part.dumpLines - 1) * part.rowsPerLine
            let (index, piece) =
                row < fullRows
                ? (row / part.rowsPerLine, row % part.rowsPerLine) : (part.dumpLines - 1, row - fullRows)
            let dumpLine = source.line(at: index * bytesPerLine, bytesPerLine: bytesPerLine, highlight: highlight)
            let wrapped = DetailFormatter.wrap(dumpLine, width: width)
            return piece < wrapped.count ? wrapped[piece] : StyledLine()
        case .textRows(let bytes, let role):
            let start = Self.characterStart(bytes, row * width)
            let end = Self.characterStart(bytes, (row + 1) * width)
            let line = StyledLine(SafeText.escape(bytes[start..<end]), role)
            return highlight.map { SearchHighlight.apply($0, to: line) } ?? line
        }
    }

    /// `offset`, moved forward past at most three UTF-8 continuation bytes so a row never starts mid-character.
    private static func characterStart(_ bytes: [UInt8], _ offset: Int) -> Int {
        var index = min(offset, bytes.count)
        var moved = 0
        while index < bytes.count && moved < 3 && bytes[index] & 0xC0 == 0x80 {
            index += 1
            moved += 1
        }
        return index
    }

    private static func rows(_ columns: Int, width: Int) -> Int { max(1, (columns + width - 1) / width) }

    /// The summary, what was cut, the payload, then the frame breakdown of the hex pane.
    private static func sections(for record: InspectorRecord, clock: ClockFormat) -> [DetailSection] {
        var head: [StyledLine] = []
        var summary = StyledLine()
        summary.append("#\(record.id) ", .hint)
        summary.append(clock.string(from: record.time), .time)
        summary.append(" " + record.direction.arrow + " ", .forDirection(record.direction))
        head.append(summary)
        head += trimLines(record)
        head.append(StyledLine())
        var sections: [DetailSection] = [.lines(head)]

        if case .frame(let frame, let inflated) = record.kind, !(frame.header.rsv1 && inflated == nil) {
            sections += payloadSections(inflated ?? frame.payload, opcode: frame.header.opcode, direction: record.direction)
            sections.append(.lines([StyledLine()]))
        }
        return sections + HexPaneFormatter.sections(for: record)
    }

    /// `payload 100.0 MiB (104857600 bytes), first 1.0 MiB kept · FNV-1a …` for each payload the log cut.
    static func trimLines(_ record: InspectorRecord) -> [StyledLine] {
        guard let trim = record.trim else { return [] }
        var lines: [StyledLine] = []
        let inflated: Bool
        if case .frame(_, let bytes) = record.kind { inflated = bytes != nil } else { inflated = false }
        for (name, cut) in [("payload", record.applicationCut), ("compressed payload", inflated ? trim.payload : nil)] {
            guard let cut else { continue }
            lines.append(
                StyledLine(
                    "\(name) \(ByteFormat.size(cut.fullCount)) (\(cut.fullCount) bytes), first \(ByteFormat.size(cut.keptCount)) kept"
                        + " · FNV-1a \(FNV1a64.hex(cut.hash))", .error))
        }
        return lines
    }

    static func payloadSections(_ payload: [UInt8], opcode: Opcode, direction: Direction) -> [DetailSection] {
        let eager = payload.count <= eagerTextLimit
        // Whether an unflagged payload is text is judged on its start when it is long: validating all of it would
        // cost the whole payload on every redraw.
        let judged = eager ? payload[...] : payload[..<characterStart(payload, eagerTextLimit)]
        let isText = opcode == .text || ((opcode == .continuation || opcode.isControl) && UTF8Validator.isValid(judged))
        if opcode == .close {
            return [.lines([StyledLine(CloseFrameContent(payload: payload).summary, .opcodeClose)])]
        } else if isText {
            let role = ThemeRole.forDirection(direction)
            guard eager else {
                let hint = StyledLine("text over \(ByteFormat.size(eagerTextLimit)): shown in rows, line feeds as ␊", .hint)
                return [.lines([hint]), .textRows(payload, role)]
            }
            let body =
                DetailFormatter.prettyJSON(payload).map {
                    [StyledLine("JSON", .title)] + SafeText.lines($0).map { StyledLine($0, role) }
                } ?? SafeText.lines(payload).map { StyledLine($0, role) }
            return [.lines(body)]
        } else if !payload.isEmpty {
            return [.dump(HexSource(payload, role: .payloadBytes))]
        }
        return []
    }
}
