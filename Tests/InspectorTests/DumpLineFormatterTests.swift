import Foundation
import Testing
import WebSocketCore

@testable import Inspector

/// `--dump` lines, byte for byte: the columns are a format scripts parse, so they are pinned here by hand.
@Suite struct DumpLineFormatterTests {
    private let formatter = DumpLineFormatter(clock: utcClock)

    private func line(_ kind: InspectorRecord.Kind, _ direction: Direction = .received) -> String {
        formatter.line(for: InspectorRecord(id: 1, time: fixedTime, direction: direction, kind: kind))
    }

    @Test("frames: time, arrow, opcode, flags, length right-aligned in six columns, two spaces, payload")
    func frames() {
        #expect(line(.frame(RFCFrames.unmaskedText)) == "12:00:00.125 ← TEXT   F       5  Hello")
        #expect(
            line(.frame(binaryFrame([0xde, 0xad, 0xbe, 0xef])), .sent)
                == "12:00:00.125 → BINARY F       4  de ad be ef")
        #expect(line(.frame(RFCFrames.close1000)) == "12:00:00.125 ← CLOSE  F       5  1000 Normal Closure: bye")
        #expect(line(.frame(RFCFrames.fragment1)) == "12:00:00.125 ← TEXT   -       3  Hel")
        #expect(line(.frame(RFCFrames.fragment2)) == "12:00:00.125 ← CONT   F       2  6c 6f")
    }

    @Test("a compressed frame shows z and the inflated payload's length and text")
    func compressed() {
        let header = FrameHeader(fin: true, rsv1: true, opcode: .text, payloadLength: 3)
        let frame = Frame(header: header, payload: [0xca, 0x48, 0x05], inflatedPayload: Array("hello".utf8))
        #expect(line(.frame(frame, inflated: frame.inflatedPayload)) == "12:00:00.125 ← TEXT   Fz      5  hello")
    }

    @Test("peer bytes are escaped; a ping that is not UTF-8 is shown as hex")
    func escaping() {
        #expect(line(.frame(textFrame("\u{1B}]0;owned\u{07}"))) == "12:00:00.125 ← TEXT   F      10  ␛]0;owned␇")
        let ping = Frame(header: FrameHeader(fin: true, opcode: .ping, payloadLength: 2), payload: [0xff, 0x00])
        #expect(line(.frame(ping)) == "12:00:00.125 ← PING   F       2  ff 00")
    }

    @Test("lengths wider than the column push it right instead of being cut")
    func wideLength() {
        let payload = [UInt8](repeating: 0x61, count: 1_234_567)
        let frame = Frame(header: FrameHeader(opcode: .binary, payloadLength: UInt64(payload.count)), payload: payload)
        let text = line(.frame(frame))
        #expect(String(text.prefix(39)) == "12:00:00.125 ← BINARY F  1234567  61 61")
    }

    @Test("handshake records show the start line, notes their text")
    func summaries() {
        let request = Array("GET /chat HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
        #expect(line(.handshakeRequest(request), .sent) == "12:00:00.125 → HTTP          31  GET /chat HTTP/1.1")
        #expect(
            line(.note("connected", isError: false), .local)
                == "12:00:00.125 · NOTE               connected")
        #expect(
            line(.note("bad\u{1B}[2J", isError: true), .local)
                == "12:00:00.125 · ERROR              bad␛[2J")
    }

    @Test("decimal digits, zero- or space-padded")
    func digits() {
        func text(_ value: Int, _ width: Int, _ fill: Character) -> String {
            var out: [UInt8] = []
            ASCIIDigits.append(value, width: width, fill: fill.asciiValue!, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        #expect(text(0, 3, "0") == "000")
        #expect(text(7, 2, "0") == "07")
        #expect(text(999, 3, "0") == "999")
        #expect(text(1000, 3, " ") == "1000")
        #expect(text(42, 6, " ") == "    42")
        #expect(text(Int.max, 1, " ") == "9223372036854775807")
    }
}
