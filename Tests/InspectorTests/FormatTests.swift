import Foundation
import Testing
import WebSocketCore

@testable import Inspector

@Suite struct LogRowTests {
    func row(_ kind: InspectorRecord.Kind, _ direction: Direction) -> String {
        var log = LogModel()
        log.append(kind, direction: direction, time: fixedTime)
        return LogRowFormatter(clock: utcClock).line(for: log.entry(atRow: 0)).text
    }

    @Test func timeHasMilliseconds() {
        #expect(utcClock.string(from: fixedTime) == "12:00:00.125")
        #expect(utcClock.string(from: Date(timeIntervalSince1970: 59.9996)) == "00:00:59.999")
        // A time written with two decimals is stored a hair below them; it still shows its own millisecond.
        #expect(utcClock.string(from: Date(timeIntervalSince1970: 1_796_378_404.26)) == "10:00:04.260")
    }

    @Test("local time read from the C library agrees with Foundation's calendar in the system's time zone")
    func localTimeMatchesCalendar() {
        let local = ClockFormat()
        let calendar = ClockFormat(timeZone: .current)
        // A year of instants at odd offsets, so hours, minutes and seconds all vary; each formatter is fresh per
        // instant, so neither answers from its one-second cache.
        for step in 0..<400 {
            let date = Date(timeIntervalSince1970: 1_767_225_600 + Double(step) * 79_113.371)
            #expect(ClockFormat().string(from: date) == ClockFormat(timeZone: .current).string(from: date), "\(date)")
        }
        #expect(local.string(from: fixedTime) == calendar.string(from: fixedTime))
    }

    @Test func textRow() {
        #expect(row(.frame(RFCFrames.maskedText), .sent) == "12:00:00.125 → TEXT   F        5 B  Hello")
        #expect(row(.frame(RFCFrames.unmaskedText), .received) == "12:00:00.125 ← TEXT   F        5 B  Hello")
    }

    @Test func fragmentAndBinaryRows() {
        #expect(row(.frame(RFCFrames.fragment1), .received) == "12:00:00.125 ← TEXT   -        3 B  Hel")
        let binary = row(.frame(RFCFrames.binary256), .received)
        #expect(binary.hasPrefix("12:00:00.125 ← BINARY F      256 B  00 01 02 03"))
        #expect(binary.hasSuffix("2f …"))
        #expect(row(.frame(RFCFrames.binary64K), .received).contains("64.0 KiB  ab ab"))
    }

    @Test func closeRowIsDecoded() {
        #expect(row(.frame(RFCFrames.close1000), .received) == "12:00:00.125 ← CLOSE  F        5 B  1000 Normal Closure: bye")
    }

    @Test func localAndHandshakeRows() {
        #expect(row(.note("connected", isError: false), .local) == "12:00:00.125 · NOTE                 connected")
        #expect(row(.note("TLS: bad cert", isError: true), .local).contains("ERROR"))
        let request = Array("GET /chat HTTP/1.1\r\nHost: example.com\r\n\r\n".utf8)
        #expect(row(.handshakeRequest(request), .sent) == "12:00:00.125 → HTTP           41 B  GET /chat HTTP/1.1")
    }

    @Test func compressedFrameIsFlagged() {
        let frame = Frame(
            header: FrameHeader(rsv1: true, opcode: .text, payloadLength: 7),
            payload: [0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00])
        let text = row(.frame(frame, inflated: Array("Hello".utf8)), .received)
        #expect(text == "12:00:00.125 ← TEXT   Fz       5 B  Hello")
    }

    @Test func hostilePreviewIsEscaped() {
        let text = row(.frame(textFrame("\u{1B}]0;pwned\u{07}\u{1B}[2J")), .received)
        #expect(text.hasSuffix("␛]0;pwned␇␛[2J"))
    }

    @Test func sizes() {
        #expect(ByteFormat.size(0) == "0 B")
        #expect(ByteFormat.size(9999) == "9999 B")
        #expect(ByteFormat.size(65536) == "64.0 KiB")
        #expect(ByteFormat.size(3 * 1024 * 1024 + 512 * 1024) == "3.5 MiB")
    }
}

@Suite struct HexPaneTests {
    func text(_ frame: Frame) -> [String] {
        let record = InspectorRecord(id: 1, time: fixedTime, direction: .sent, kind: .frame(frame))
        return HexPaneFormatter.lines(for: record).map(\.text)
    }

    @Test func unmaskedSevenBit() {
        #expect(
            text(RFCFrames.unmaskedText) == [
                "FIN 1  RSV1 0  RSV2 0  RSV3 0  opcode 0x1 TEXT",
                "MASK 0",
                "length 5 (7-bit)",
                "wire bytes (7: 2 header + 5 payload)",
                "00000000  81 05 48 65 6c 6c 6f                              |..Hello|",
            ])
    }

    @Test func maskedShowsKeyAndUnmaskedPayload() {
        #expect(
            text(RFCFrames.maskedText) == [
                "FIN 1  RSV1 0  RSV2 0  RSV3 0  opcode 0x1 TEXT",
                "MASK 1  key 37 fa 21 3d",
                "length 5 (7-bit)",
                "wire bytes (11: 6 header + 5 payload, masked)",
                "00000000  81 85 37 fa 21 3d 7f 9f  4d 51 58                 |..7.!=..MQX|",
                "unmasked payload (5)",
                "00000000  48 65 6c 6c 6f                                    |Hello|",
            ])
    }

    /// RFC 7692 §7.2.3.1: "Hello" compressed, one frame. The pane labels the wire bytes and the inflated payload.
    @Test func compressedFrameShowsWireBytesAndInflatedPayload() {
        let compressed: [UInt8] = [0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00]
        let frame = Frame(header: FrameHeader(rsv1: true, opcode: .text, payloadLength: 7), payload: compressed)
        let record = InspectorRecord(id: 1, time: fixedTime, direction: .received, kind: .frame(frame, inflated: RFCFrames.hello))
        let lines = HexPaneFormatter.lines(for: record)
        #expect(
            lines.map(\.text) == [
                "FIN 1  RSV1 1  RSV2 0  RSV3 0  opcode 0x1 TEXT",
                "MASK 0",
                "length 7 (7-bit)",
                "wire bytes (9: 2 header + 7 payload, rebuilt)",
                "00000000  c1 07 f2 48 cd c9 c9 07  00                       |...H.....|",
                "inflated payload (5)",
                "00000000  48 65 6c 6c 6f                                    |Hello|",
            ])
        #expect(lines[3].spans.first?.role == .title && lines[5].spans.first?.role == .title)
    }

    /// A compressed frame we sent: masked, so the pane shows the wire bytes, the unmasked (still compressed)
    /// payload and the inflated payload, each labelled.
    @Test func sentCompressedFrameShowsAllThreeLayers() {
        let compressed: [UInt8] = [0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00]
        let key = MaskingKey(0x37, 0xfa, 0x21, 0x3d)
        let frame = Frame(header: FrameHeader(rsv1: true, opcode: .text, maskingKey: key, payloadLength: 7), payload: compressed)
        let record = InspectorRecord(id: 1, time: fixedTime, direction: .sent, kind: .frame(frame, inflated: RFCFrames.hello))
        let text = HexPaneFormatter.lines(for: record).map(\.text)
        #expect(text.contains("wire bytes (13: 6 header + 7 payload, masked, rebuilt)"))
        #expect(text.contains("unmasked payload (7)"))
        #expect(text.contains("inflated payload (5)"))
        #expect(text.last == "00000000  48 65 6c 6c 6f                                    |Hello|")
    }

    @Test func headerAndPayloadBytesAreTaggedApart() {
        let record = InspectorRecord(id: 1, time: fixedTime, direction: .sent, kind: .frame(RFCFrames.maskedText))
        let dump = HexPaneFormatter.lines(for: record)[4]
        let hexSpans = dump.spans.filter { $0.text.count == 2 && $0.text.allSatisfy(\.isHexDigit) }
        #expect(hexSpans.count == 11)
        #expect(hexSpans.prefix(6).allSatisfy { $0.role == .headerBytes })
        #expect(hexSpans.suffix(5).allSatisfy { $0.role == .payloadBytes })
    }

    @Test func sixteenBitLength() {
        let lines = text(RFCFrames.binary256)
        #expect(lines[0] == "FIN 1  RSV1 0  RSV2 0  RSV3 0  opcode 0x2 BINARY")
        #expect(lines[2] == "length 256 (16-bit)")
        #expect(lines[3] == "wire bytes (260: 4 header + 256 payload)")
        #expect(lines[4] == "00000000  82 7e 01 00 00 01 02 03  04 05 06 07 08 09 0a 0b  |.~..............|")
        #expect(lines.count == 4 + 17)
    }

    @Test func sixtyFourBitLengthAndDumpLimit() {
        let record = InspectorRecord(id: 1, time: fixedTime, direction: .received, kind: .frame(RFCFrames.binary64K))
        let lines = HexPaneFormatter.lines(for: record, maxDumpLines: 3).map(\.text)
        #expect(lines[2] == "length 65536 (64-bit)")
        #expect(lines[4] == "00000000  82 7f 00 00 00 00 00 01  00 00 ab ab ab ab ab ab  |................|")
        #expect(lines.last == "… \(65546 - 48) more bytes")
    }

    @Test func closeFrameDecoded() {
        let lines = text(RFCFrames.close1000)
        #expect(lines.contains("close 1000 Normal Closure: bye"))
    }

    @Test func closeContentEdgeCases() {
        #expect(CloseFrameContent(payload: []).summary == "no status code")
        #expect(CloseFrameContent(payload: [0x03]).summary == "malformed close payload (1 byte)")
        #expect(CloseFrameContent(payload: [0x0F, 0xA0]).summary == "4000 Private Use")
        #expect(CloseFrameContent(payload: [0x03, 0xEA, 0x1B, 0x5B]).summary == "1002 Protocol Error: ␛[")
        #expect(CloseFrameContent(payload: [0x03, 0xF1]).code == 1009)
    }

    @Test func handshakeShowsEscapedHTTPText() {
        let response = Array("HTTP/1.1 101 Switching Protocols\r\nX-Evil: \u{1B}]0;t\u{07}\r\n\r\n".utf8)
        let record = InspectorRecord(id: 1, time: fixedTime, direction: .received, kind: .handshakeResponse(response))
        #expect(
            HexPaneFormatter.lines(for: record).map(\.text) == [
                "HTTP response (\(response.count) bytes)", "HTTP/1.1 101 Switching Protocols", "X-Evil: ␛]0;t␇",
            ])
    }

    @Test func detailPrettyPrintsJSON() {
        let record = InspectorRecord(
            id: 3, time: fixedTime, direction: .received,
            kind: .frame(textFrame(#"{"b":[1,2],"a":"x\u001b"}"#)))
        let lines = DetailFormatter.lines(for: record, width: 80, clock: utcClock).map(\.text)
        #expect(lines[0] == "#3 12:00:00.125 ← ")
        let json = Array(lines[lines.firstIndex(of: "JSON")!...].prefix(8))
        // The keys in the order they were sent, the escape as it was written.
        #expect(json == ["JSON", "{", #"  "b" : ["#, "    1,", "    2", "  ],", #"  "a" : "x\u001b""#, "}"], "\(json)")
    }

    @Test func detailWrapsPlainText() {
        let record = InspectorRecord(
            id: 1, time: fixedTime, direction: .sent,
            kind: .frame(textFrame(String(repeating: "世", count: 15))))
        let lines = DetailFormatter.lines(for: record, width: 11, clock: utcClock).map(\.text)
        #expect(lines.contains("世世世世世"))
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 11 })
    }
}

@Suite struct JSONLinesTests {
    @Test func frameLineIsLossless() throws {
        let record = InspectorRecord(id: 7, time: fixedTime, direction: .sent, kind: .frame(RFCFrames.maskedText))
        let line = JSONLinesRecord.line(for: record)
        #expect(line.hasSuffix("}\n"))
        #expect(
            line.hasPrefix(
                #"{"id":7,"time":"2024-05-01T12:00:00.125Z","unixTime":1714564800.125,"direction":"sent","type":"frame","opcode":1,"opcodeName":"TEXT","fin":true,"rsv1":false,"rsv2":false,"rsv3":false,"masked":true,"maskKey":"37fa213d","length":5,"lengthEncoding":"7-bit""#
            ))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["payload"] as? String == "SGVsbG8=")
        #expect(object["text"] as? String == "Hello")
        #expect(Base64.decode(object["wire"] as! String) == RFCFrames.maskedText.wireBytes)
    }

    @Test func hostileTextIsEscapedButRoundTrips() throws {
        let hostile = "\u{1B}]52;c;eA==\u{07}\u{9B}\u{202E}"
        let record = InspectorRecord(id: 1, time: fixedTime, direction: .received, kind: .frame(textFrame(hostile)))
        let line = JSONLinesRecord.line(for: record)
        #expect(!SafeText.containsUnsafe(line.dropLast()))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["text"] as? String == hostile)
    }

    @Test func invalidUTF8HasNoTextField() throws {
        let record = InspectorRecord(id: 1, time: fixedTime, direction: .received, kind: .frame(binaryFrame([0xff, 0x00])))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(JSONLinesRecord.line(for: record).utf8)) as? [String: Any])
        #expect(object["text"] == nil)
        #expect(object["payload"] as? String == "/wA=")
    }

    @Test func closeAndNoteLines() throws {
        let close = InspectorRecord(id: 1, time: fixedTime, direction: .received, kind: .frame(RFCFrames.close1000))
        #expect(JSONLinesRecord.line(for: close).contains(#""closeCode":1000,"closeReason":"bye""#))
        let note = InspectorRecord(id: 2, time: fixedTime, direction: .local, kind: .note("open", isError: false))
        #expect(JSONLinesRecord.line(for: note).contains(#""type":"note","error":false,"text":"open""#))
    }
}
