import Foundation
import Testing
import WebSocketCore

@testable import Inspector

/// `--dump-max-bytes` and `--dump-full`: how much of a payload a dump line prints.
@Suite struct DumpLimitTests {
    func line(_ frame: Frame, inflated: [UInt8]? = nil, limit: Int?) -> String {
        var out: [UInt8] = []
        DumpLineFormatter(clock: utcClock, maxPayloadBytes: limit)
            .appendFrame(frame, inflated: inflated, direction: .received, time: fixedTime, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func aLongBinaryPayloadEndsInAnEllipsisAndItsFullLength() {
        let frame = Frame(header: FrameHeader(rsv1: true, opcode: .binary, payloadLength: 2), payload: [1, 2])
        let text = line(frame, inflated: [UInt8](repeating: 0xAB, count: 1_000_000), limit: 4)
        #expect(text.hasSuffix(" 1000000  ab ab ab ab … (1000000 bytes)"), "\(text)")
    }

    @Test func aLongTextPayloadIsCutOnACharacter() {
        let payload = Array("ab世cd".utf8)  // 世 spans bytes 2...4
        let frame = Frame(header: FrameHeader(opcode: .text, payloadLength: UInt64(payload.count)), payload: payload)
        #expect(line(frame, limit: 3).hasSuffix("  ab … (7 bytes)"))
        #expect(line(frame, limit: 5).hasSuffix("  ab世 … (7 bytes)"))
    }

    @Test func withoutALimitOrWithinItEverythingIsPrinted() {
        let payload = Array("hello".utf8)
        let frame = Frame(header: FrameHeader(opcode: .text, payloadLength: 5), payload: payload)
        #expect(line(frame, limit: nil).hasSuffix("  hello"))
        #expect(line(frame, limit: 5).hasSuffix("  hello"))
    }
}
