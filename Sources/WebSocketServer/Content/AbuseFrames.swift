import WebSocketCore

/// The fixed wire bytes of the `/abuse/` routes that fit in a script, built with the core's encoder so that only
/// the intended rule is broken (or, for `interleaved`, none is).
enum AbuseFrames {
    /// The text message `interleaved` carries, whole.
    static func interleavedMessage(fragments: Int) -> String { (0..<fragments).map { "frag\($0)" }.joined() }

    /// A text message in `fragments` fragments with a ping and a pong before each fragment and after the last,
    /// then a Close 1000: control frames at every position a message allows them (RFC 6455 §5.4). All valid.
    static func interleaved(fragments: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        for index in 0...fragments {
            bytes += frame(FrameHeader(opcode: .ping, payloadLength: 0), Array("ping\(index)".utf8))
            bytes += frame(FrameHeader(opcode: .pong, payloadLength: 0), Array("pong\(index)".utf8))
            guard index < fragments else { break }
            let opcode: Opcode = index == 0 ? .text : .continuation
            let header = FrameHeader(fin: index == fragments - 1, opcode: opcode, payloadLength: 0)
            bytes += frame(header, Array("frag\(index)".utf8))
        }
        return bytes + close([0x03, 0xE8] + Array("interleaved done".utf8))
    }

    /// A text message in three fragments whose very last byte leaves a UTF-8 sequence unfinished: only a check at
    /// the end of the message can see it (RFC 6455 §8.1).
    static let utf8BrokenAtTheLastByte: [UInt8] =
        frame(FrameHeader(fin: false, opcode: .text, payloadLength: 0), Array("caf".utf8))
        + frame(FrameHeader(fin: false, opcode: .continuation, payloadLength: 0), [0xC3, 0xA9, 0x20])
        + frame(FrameHeader(fin: true, opcode: .continuation, payloadLength: 0), [0x61, 0xE2, 0x82])

    /// A Close 1000, then a text frame: nothing may follow a Close (RFC 6455 §5.5.1).
    static let dataAfterClose: [UInt8] =
        close([0x03, 0xE8] + Array("bye".utf8))
        + frame(FrameHeader(opcode: .text, payloadLength: 0), Array("after close".utf8))

    /// A text frame with the RSV bits `bits` (1 = RSV3, 2 = RSV2, 4 = RSV1) set and no extension negotiated.
    static func rsv(_ bits: UInt8) -> [UInt8] {
        frame(
            FrameHeader(rsv1: bits & 4 != 0, rsv2: bits & 2 != 0, rsv3: bits & 1 != 0, opcode: .text, payloadLength: 0),
            Array("reserved bits".utf8))
    }

    /// A Close frame with exactly `payload` (code and reason, or something that is neither).
    static func close(_ payload: [UInt8]) -> [UInt8] { frame(FrameHeader(opcode: .close, payloadLength: 0), payload) }

    private static func frame(_ header: FrameHeader, _ payload: [UInt8]) -> [UInt8] {
        // Rebuilt rather than patched, so the length encoding is the minimal one for the real length.
        let sized = FrameHeader(
            fin: header.fin, rsv1: header.rsv1, rsv2: header.rsv2, rsv3: header.rsv3, opcode: header.opcode,
            payloadLength: UInt64(payload.count))
        return FrameEncoder.encode(sized, payload: payload)
    }
}
