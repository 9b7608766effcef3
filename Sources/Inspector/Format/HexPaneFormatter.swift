import WebSocketCore

/// The frame-hex pane's content for one record: the decoded header, then the exact wire bytes, then (for masked
/// or compressed frames) the payload as the application sees it. Handshakes show their HTTP text; notes their text.
public enum HexPaneFormatter {
    /// The lines for `record`. `maxDumpLines` bounds each dump, so a huge frame costs only what is drawn.
    public static func lines(for record: InspectorRecord, bytesPerLine: Int = 16, maxDumpLines: Int = .max)
        -> [StyledLine]
    {
        switch record.kind {
        case .frame(let frame, let inflated):
            return frameLines(frame, wire: record.wireBytes, inflated: inflated, reconstructed: frame.wireByteCount == nil,
                              bytesPerLine: bytesPerLine, maxDumpLines: maxDumpLines)
        case .handshakeRequest(let bytes):
            return httpLines("HTTP request", bytes)
        case .handshakeResponse(let bytes):
            return httpLines("HTTP response", bytes)
        case .note(let text, let isError):
            return SafeText.lines(text).map { StyledLine($0, isError ? .error : .local) }
        }
    }

    /// The decoded header, one concern per line.
    public static func headerLines(_ header: FrameHeader) -> [StyledLine] {
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

    private static func frameLines(
        _ frame: Frame, wire: [UInt8], inflated: [UInt8]?, reconstructed: Bool, bytesPerLine: Int, maxDumpLines: Int
    ) -> [StyledLine] {
        let header = frame.header
        var lines = headerLines(header)
        if header.opcode == .close {
            let close = CloseFrameContent(payload: inflated ?? frame.payload)
            var line = StyledLine()
            line.append("close", .label)
            line.append(" " + close.summary, .opcodeClose)
            lines.append(line)
        }
        let headerSize = min(wire.count, header.encodedSize)
        var label = StyledLine()
        label.append("wire bytes", .title)
        label.append(" (\(wire.count): \(headerSize) header + \(wire.count - headerSize) payload"
            + (header.isMasked ? ", masked" : "") + (reconstructed ? ", rebuilt" : "") + ")", .hint)
        lines.append(label)
        lines += HexDump.lines(wire, bytesPerLine: bytesPerLine, maxLines: maxDumpLines) {
            $0 < headerSize ? .headerBytes : .payloadBytes
        }
        if header.isMasked && !frame.payload.isEmpty {
            lines.append(StyledLine([StyledSpan("unmasked payload", .title), StyledSpan(" (\(frame.payload.count))", .hint)]))
            lines += HexDump.lines(frame.payload, bytesPerLine: bytesPerLine, maxLines: maxDumpLines) { _ in .unmaskedBytes }
        }
        if let inflated {
            lines.append(StyledLine([StyledSpan("inflated payload", .title), StyledSpan(" (\(inflated.count))", .hint)]))
            lines += HexDump.lines(inflated, bytesPerLine: bytesPerLine, maxLines: maxDumpLines) { _ in .unmaskedBytes }
        }
        return lines
    }

    private static func httpLines(_ title: String, _ bytes: [UInt8]) -> [StyledLine] {
        var lines = [StyledLine([StyledSpan(title, .title), StyledSpan(" (\(bytes.count) bytes)", .hint)])]
        var text = SafeText.lines(bytes)
        // The head ends with an empty line; it carries no information on screen.
        while text.last == "" { text.removeLast() }
        lines += text.map { StyledLine($0, .handshake) }
        return lines
    }
}
