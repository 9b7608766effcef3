import WebSocketCore

/// The frame-hex pane's content for one record: the decoded header, then the exact wire bytes, then (for masked
/// or compressed frames) the payload as the application sees it. Handshakes show their HTTP text; notes their text.
package enum HexPaneFormatter {
    /// The lines for `record`. `maxDumpLines` bounds each dump, so a huge frame costs only what is drawn; matches
    /// of `highlight` are marked in the dumps' ASCII column.
    package static func lines(
        for record: InspectorRecord, bytesPerLine: Int = 16, maxDumpLines: Int = .max,
        highlight: SearchPattern? = nil
    ) -> [StyledLine] {
        lines(of: sections(for: record), bytesPerLine: bytesPerLine, maxDumpLines: maxDumpLines, highlight: highlight)
    }

    /// The lines for a whole message: a line per frame that carried it, then each frame's header and wire bytes
    /// as for a record, until `maxLines` lines are made.
    package static func lines(
        for message: LogMessage, bytesPerLine: Int = 16, maxLines: Int = .max,
        highlight: SearchPattern? = nil
    ) -> [StyledLine] {
        var result: [StyledLine] = []
        let count = message.frames.count
        var heading = StyledLine()
        heading.append("message", .title)
        heading.append(
            " \(message.opcode.name) · \(count == 1 ? "1 frame" : "\(count) frames") · "
                + ByteFormat.size(message.size) + (message.isComplete ? "" : " · incomplete"), .hint)
        result.append(heading)
        for (index, entry) in message.frames.enumerated() where result.count < maxLines {
            let header = entry.record.frame?.header
            var line = StyledLine()
            line.append(" \(index + 1). ", .label)
            line.append("#\(entry.record.id) ", .hint)
            if let header {
                line.append(DisplayWidth.pad(header.opcode.name, to: 6), .forOpcode(header.opcode.rawValue))
                line.append(" " + (header.fin ? "F" : "-") + (header.rsv1 ? "z" : " ") + " ", .label)
                line.append(
                    ByteFormat.size(
                        entry.record.applicationCut?.fullCount
                            ?? entry.record.applicationPayload?.count ?? 0))
                line.append("  wire \(entry.record.frame?.wireByteCount ?? entry.record.wireBytes.count) B", .hint)
            }
            result.append(line)
        }
        for (index, entry) in message.frames.enumerated() where result.count < maxLines {
            result.append(StyledLine())
            result.append(
                StyledLine([
                    StyledSpan("frame \(index + 1) of \(count)", .title),
                    StyledSpan(" #\(entry.record.id)", .hint),
                ]))
            result += lines(
                for: entry.record, bytesPerLine: bytesPerLine,
                maxDumpLines: max(1, maxLines - result.count), highlight: highlight)
        }
        return Array(result.prefix(maxLines))
    }

    private static func lines(
        of sections: [DetailSection], bytesPerLine: Int, maxDumpLines: Int,
        highlight: SearchPattern?
    ) -> [StyledLine] {
        sections.flatMap { section -> [StyledLine] in
            switch section {
            case .lines(let lines):
                return lines
            case .dump(let source):
                let shown = min(source.count, maxDumpLines == .max ? source.count : maxDumpLines * bytesPerLine)
                let matched =
                    highlight.map {
                        SearchHighlight.gutterMatches($0, count: source.count, byte: source.byte, range: 0..<shown)
                    } ?? []
                return HexDump.lines(
                    count: source.count, bytesPerLine: bytesPerLine, maxLines: maxDumpLines,
                    byte: source.byte, role: source.role, matched: matched)
            case .textRows(let bytes, let role):
                // Only what `maxDumpLines` lines can show is laid out (they are cut at the pane's edge anyway).
                let shown = maxDumpLines == .max ? bytes[...] : bytes.prefix(maxDumpLines * 256)
                return SafeText.lines(shown).prefix(maxDumpLines).map { StyledLine($0, role) }
            }
        }
    }

    /// The same content as ``lines(for:bytesPerLine:maxDumpLines:)``, with dumps left to be made a line at a time.
    static func sections(for record: InspectorRecord) -> [DetailSection] {
        switch record.kind {
        case .frame(let frame, let inflated):
            return frameSections(frame, inflated: inflated, trim: record.trim)
        case .handshakeRequest(let bytes):
            return httpSections("HTTP request", bytes, cut: record.trim?.payload)
        case .handshakeResponse(let bytes):
            return httpSections("HTTP response", bytes, cut: record.trim?.payload)
        case .note(let text, let isError):
            return [.lines(SafeText.lines(text).map { StyledLine($0, isError ? .error : .local) })]
        }
    }

    /// The decoded header, one concern per line.
    package static func headerLines(_ header: FrameHeader) -> [StyledLine] {
        func bit(_ value: Bool) -> String { value ? "1" : "0" }
        var flags = StyledLine()
        for (name, value) in [("FIN", header.fin), ("RSV1", header.rsv1), ("RSV2", header.rsv2), ("RSV3", header.rsv3)] {
            flags.append(name, .label)
            flags.append(" " + bit(value) + "  ")
        }
        flags.append("opcode", .label)
        flags.append(" 0x" + String(header.opcode.rawValue, radix: 16, uppercase: true) + " ")
        flags.append(header.opcode.name, .forOpcode(header.opcode.rawValue))

        var mask = StyledLine()
        mask.append("MASK", .label)
        mask.append(" " + bit(header.isMasked))
        if let key = header.maskingKey {
            mask.append("  ")
            mask.append("key", .label)
            mask.append(" " + ByteFormat.hex(key.bytes), .headerBytes)
        }

        var length = StyledLine()
        length.append("length", .label)
        length.append(" \(header.payloadLength) (\(header.lengthEncoding.rawValue))")
        return [flags, mask, length]
    }

    private static func frameSections(_ frame: Frame, inflated: [UInt8]?, trim: RecordTrim?) -> [DetailSection] {
        let header = frame.header
        var lines = headerLines(header)
        if header.opcode == .close {
            let close = CloseFrameContent(payload: inflated ?? frame.payload)
            var line = StyledLine()
            line.append("close", .label)
            line.append(" " + close.summary, .opcodeClose)
            lines.append(line)
        }
        // Read in place: building the wire bytes copied the whole payload for every redraw.
        let wire = HexSource(wireOf: frame)
        let headerSize = min(wire.count, header.encodedSize)
        var label = StyledLine()
        label.append("wire bytes", .title)
        label.append(
            " (\(wire.count): \(headerSize) header + \(wire.count - headerSize) payload"
                + (header.isMasked ? ", masked" : "") + (HexSource.isRebuilt(frame) ? ", rebuilt" : "")
                + keptNote(trim?.payload) + ")", .hint)
        lines.append(label)
        var sections: [DetailSection] = [.lines(lines), .dump(wire)]
        if header.isMasked && !frame.payload.isEmpty {
            sections.append(
                .lines([
                    StyledLine([
                        StyledSpan("unmasked payload", .title),
                        StyledSpan(" (\(frame.payload.count)\(keptNote(trim?.payload)))", .hint),
                    ])
                ]))
            sections.append(.dump(HexSource(frame.payload, role: .unmaskedBytes)))
        }
        if let inflated {
            sections.append(
                .lines([
                    StyledLine([
                        StyledSpan("inflated payload", .title), StyledSpan(" (\(inflated.count)\(keptNote(trim?.inflated)))", .hint),
                    ])
                ]))
            sections.append(.dump(HexSource(inflated, role: .unmaskedBytes)))
        }
        return sections
    }

    /// `, first K of N bytes kept` for a cut payload; empty otherwise.
    static func keptNote(_ cut: PayloadCut?) -> String {
        guard let cut else { return "" }
        return ", first \(cut.keptCount) of \(cut.fullCount) bytes kept"
    }

    private static func httpSections(_ title: String, _ bytes: [UInt8], cut: PayloadCut?) -> [DetailSection] {
        let heading = StyledLine([StyledSpan(title, .title), StyledSpan(" (\(bytes.count) bytes\(keptNote(cut)))", .hint)])
        guard bytes.count <= DetailDocument.eagerTextLimit else {
            return [.lines([heading]), .textRows(bytes, .handshake)]
        }
        var text = SafeText.lines(bytes)
        // The head ends with an empty line; it carries no information on screen.
        while text.last == "" { text.removeLast() }
        return [.lines([heading] + text.map { StyledLine($0, .handshake) })]
    }
}
