import Foundation
import Testing
import WebSocketCore

@testable import Inspector

/// The detail view laid out lazily (issue 26 §2): any window of lines equals the same lines of the whole layout,
/// the whole layout equals what the eager formatter made before, and a large payload costs a screenful.
@Suite struct LazyDetailTests {
    static let key = MaskingKey(0x37, 0xFA, 0x21, 0x3D)

    /// Records of every shape the detail view draws.
    static var records: [InspectorRecord] {
        let binary = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        let text = Array(("line one\nline two ünï 世界 \u{1b}[2J\n" + String(repeating: "wrap me ", count: 40)).utf8)
        let masked = FrameHeader(opcode: .binary, maskingKey: key, payloadLength: UInt64(binary.count))
        let compressed = FrameHeader(rsv1: true, opcode: .text, payloadLength: 4)
        let continuation = FrameHeader(fin: false, opcode: .continuation, payloadLength: UInt64(text.count))
        let kinds: [InspectorRecord.Kind] = [
            .frame(Frame(header: FrameHeader(opcode: .binary, payloadLength: UInt64(binary.count)), payload: binary)),
            .frame(Frame(header: masked, payload: binary, wireBytes: FrameEncoder.encode(masked, payload: binary))),
            .frame(Frame(header: FrameHeader(opcode: .text, payloadLength: UInt64(text.count)), payload: text)),
            .frame(Frame(header: compressed, payload: [1, 2, 3, 4]), inflated: Array(#"{"b":[1,2],"a":"x"}"#.utf8)),
            .frame(Frame(header: compressed, payload: [1, 2, 3, 4]), inflated: nil),
            .frame(Frame(header: continuation, payload: text)),
            .frame(RFCFrames.close1000),
            .handshakeResponse(Array("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n".utf8)),
            .note("connected\nsecond line", isError: false),
        ]
        return kinds.enumerated().map {
            InspectorRecord(id: UInt64($0.offset + 1), time: fixedTime, direction: .received, kind: $0.element)
        }
    }

    @Test("the lazy layout equals the eager formatter's", arguments: [7, 11, 30, 40, 60, 80, 120])
    func sameAsEager(width: Int) {
        for record in Self.records {
            let lazy = DetailFormatter.lines(for: record, width: width, clock: utcClock)
            let eager = EagerDetailReference.lines(for: record, width: width, clock: utcClock)
            #expect(lazy == eager, "record \(record.id) at width \(width)")
            #expect(DetailFormatter.lineCount(for: record, width: width) == eager.count)
        }
    }

    @Test("any window of lines is the same slice of the whole", arguments: [9, 29, 80])
    func windowsAreSlices(width: Int) {
        for record in Self.records {
            let all = DetailFormatter.lines(for: record, width: width, clock: utcClock)
            for start in 0...(all.count + 2) {
                for count in [0, 1, 3, 17] {
                    let window = DetailFormatter.lines(for: record, width: width, clock: utcClock, from: start, count: count)
                    #expect(window == Array(all.dropFirst(start).prefix(count)), "record \(record.id) from \(start) count \(count)")
                }
            }
        }
    }

    @Test func aHundredMegabytePayloadIsLaidOutOneScreenAtATime() {
        let payload = [UInt8](repeating: 0xAB, count: 100 << 20)
        let frame = Frame(header: FrameHeader(opcode: .binary, payloadLength: UInt64(payload.count)), payload: payload)
        let record = InspectorRecord(id: 1, time: fixedTime, direction: .received, kind: .frame(frame))
        let document = DetailDocument(record: record, width: 120, clock: utcClock)
        // Summary and blank, the payload dump (16 bytes a line), a blank, 3 header lines and a label, the wire dump.
        let dumpLines = (100 << 20) / 16
        #expect(document.lineCount == 2 + dumpLines + 1 + 4 + (100 << 20) / 16 + 1)
        let middle = document.lines(from: 2 + 1_000_000, count: 3).map(\.text)
        #expect(middle.first?.hasPrefix("00f42400  ab ab ab ab") == true, "\(middle)")
        #expect(middle.count == 3)
    }

    @Test func largeTextIsShownInRowsThatStartOnACharacter() {
        let text = Array(String(repeating: "ü世a\n", count: 30_000).utf8)  // 210 000 bytes: over the eager limit
        let frame = Frame(header: FrameHeader(opcode: .text, payloadLength: UInt64(text.count)), payload: text)
        let record = InspectorRecord(id: 1, time: fixedTime, direction: .received, kind: .frame(frame))
        let lines = DetailFormatter.lines(for: record, width: 60, clock: utcClock, from: 0, count: 10).map(\.text)
        #expect(lines[2] == "text over 64.0 KiB: shown in rows, line feeds as ␊")
        // 60 bytes end inside the ninth 世: the row takes the rest of it, and the next row starts after it.
        #expect(lines[3] == "ü世a␊ü世a␊ü世a␊ü世a␊ü世a␊ü世a␊ü世a␊ü世a␊ü世")
        #expect(lines[4].hasPrefix("a␊ü世a␊"))
        let all = DetailFormatter.lines(for: record, width: 60, clock: utcClock).map(\.text)
        let rows = all[3..<(3 + (text.count + 59) / 60)]
        #expect(rows.allSatisfy { !$0.contains("\\x") }, "no row starts or ends inside a character")
        #expect(rows.joined() == SafeText.escape(text))
    }
}

/// The detail view's formatter as it was before it became lazy (whole hex dumps and wrapped text for every call),
/// kept as the reference the lazy layout must reproduce for payloads it lays out up front.
enum EagerDetailReference {
    static func lines(for record: InspectorRecord, width: Int, clock: ClockFormat) -> [StyledLine] {
        let width = max(1, width)
        var lines: [StyledLine] = []
        var summary = StyledLine()
        summary.append("#\(record.id) ", .hint)
        summary.append(clock.string(from: record.time), .time)
        summary.append(" " + record.direction.arrow + " ", .forDirection(record.direction))
        lines.append(summary)
        lines.append(StyledLine())
        if case .frame(let frame, let inflated) = record.kind, !(frame.header.rsv1 && inflated == nil) {
            let payload = inflated ?? frame.payload
            let opcode = frame.header.opcode
            let isText = opcode == .text || ((opcode == .continuation || opcode.isControl) && UTF8Validator.isValid(payload))
            if opcode == .close {
                lines.append(StyledLine(CloseFrameContent(payload: payload).summary, .opcodeClose))
            } else if isText {
                let role = ThemeRole.forDirection(record.direction)
                let body =
                    DetailFormatter.prettyJSON(payload).map {
                        [StyledLine("JSON", .title)] + SafeText.lines($0).map { StyledLine($0, role) }
                    }
                    ?? SafeText.lines(payload).map { StyledLine($0, role) }
                lines += body
            } else if !payload.isEmpty {
                lines += HexDump.lines(payload, bytesPerLine: HexDump.bytesPerLine(fitting: width)) { _ in .payloadBytes }
            }
            lines.append(StyledLine())
        }
        lines += hexPaneLines(for: record, bytesPerLine: HexDump.bytesPerLine(fitting: width))
        return lines.flatMap { DetailFormatter.wrap($0, width: width) }
    }

    private static func hexPaneLines(for record: InspectorRecord, bytesPerLine: Int) -> [StyledLine] {
        switch record.kind {
        case .frame(let frame, let inflated):
            let header = frame.header
            let wire = record.wireBytes
            var lines = HexPaneFormatter.headerLines(header)
            if header.opcode == .close {
                var line = StyledLine()
                line.append("close", .label)
                line.append(" " + CloseFrameContent(payload: inflated ?? frame.payload).summary, .opcodeClose)
                lines.append(line)
            }
            let headerSize = min(wire.count, header.encodedSize)
            var label = StyledLine()
            label.append("wire bytes", .title)
            label.append(
                " (\(wire.count): \(headerSize) header + \(wire.count - headerSize) payload"
                    + (header.isMasked ? ", masked" : "") + (frame.wireByteCount == nil ? ", rebuilt" : "") + ")", .hint)
            lines.append(label)
            lines += HexDump.lines(wire, bytesPerLine: bytesPerLine) { $0 < headerSize ? .headerBytes : .payloadBytes }
            if header.isMasked && !frame.payload.isEmpty {
                lines.append(StyledLine([StyledSpan("unmasked payload", .title), StyledSpan(" (\(frame.payload.count))", .hint)]))
                lines += HexDump.lines(frame.payload, bytesPerLine: bytesPerLine) { _ in .unmaskedBytes }
            }
            if let inflated {
                lines.append(StyledLine([StyledSpan("inflated payload", .title), StyledSpan(" (\(inflated.count))", .hint)]))
                lines += HexDump.lines(inflated, bytesPerLine: bytesPerLine) { _ in .unmaskedBytes }
            }
            return lines
        case .handshakeRequest(let bytes), .handshakeResponse(let bytes):
            let title = if case .handshakeRequest = record.kind { "HTTP request" } else { "HTTP response" }
            var text = SafeText.lines(bytes)
            while text.last == "" { text.removeLast() }
            return [StyledLine([StyledSpan(title, .title), StyledSpan(" (\(bytes.count) bytes)", .hint)])]
                + text.map { StyledLine($0, .handshake) }
        case .note(let text, let isError):
            return SafeText.lines(text).map { StyledLine($0, isError ? .error : .local) }
        }
    }
}
