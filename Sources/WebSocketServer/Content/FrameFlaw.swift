import WebSocketCore

/// A frame that breaks RFC 6455, sent right after a valid handshake (`/bad/<kind>`), for testing client framing
/// checks. Each breaks exactly one rule.
enum FrameFlaw: String, Sendable, Hashable, CaseIterable {
    /// A text frame with the MASK bit set: servers must not mask (§5.1).
    case maskedFrame = "masked-frame"
    /// Opcode 0x3, which is reserved (§5.2).
    case reservedOpcode = "reserved-opcode"
    /// RSV1 set although no extension was negotiated (§5.2).
    case rsv1
    /// A ping without FIN: control frames must not be fragmented (§5.5).
    case fragmentedPing = "fragmented-ping"
    /// A ping with a 126-byte payload: control payloads are at most 125 bytes (§5.5).
    case longPing = "long-ping"
    /// A text frame whose payload is not UTF-8 (§8.1).
    case badUTF8 = "bad-utf8"
    /// A Close with code 1004, which is reserved (§7.4.1).
    case badCloseCode = "bad-close-code"
    /// A continuation frame with no message to continue (§5.4).
    case continuationWithoutStart = "continuation-without-start"
    /// A binary header declaring 2^40 payload bytes, with no payload, for testing size limits.
    case hugeLength = "huge-length"
    /// A 5-byte payload whose length is written in the 16-bit form: lengths must be minimal (§5.2).
    case nonminimalLength = "nonminimal-length"

    /// The flawed frame's wire bytes, built with the core's encoder so only the intended rule is broken.
    var bytes: [UInt8] {
        switch self {
        case .maskedFrame:
            let key = MaskingKey(0x12, 0x34, 0x56, 0x78)
            return frame(FrameHeader(opcode: .text, maskingKey: key, payloadLength: 6), "masked")
        case .reservedOpcode:
            return frame(FrameHeader(opcode: Opcode(rawValue: 0x3), payloadLength: 0), "")
        case .rsv1:
            return frame(FrameHeader(rsv1: true, opcode: .text, payloadLength: 4), "rsv1")
        case .fragmentedPing:
            return frame(FrameHeader(fin: false, opcode: .ping, payloadLength: 4), "frag")
        case .longPing:
            return FrameEncoder.encode(
                FrameHeader(opcode: .ping, payloadLength: 126), payload: [UInt8](repeating: UInt8(ascii: "p"), count: 126))
        case .badUTF8:
            // A lone continuation byte, an overlong encoding and a surrogate: invalid under any reading.
            let payload: [UInt8] = [0x61, 0x80, 0xC0, 0xAF, 0xED, 0xA0, 0x80]
            return FrameEncoder.encode(FrameHeader(opcode: .text, payloadLength: UInt64(payload.count)), payload: payload)
        case .badCloseCode:
            return FrameEncoder.encode(FrameHeader(opcode: .close, payloadLength: 2), payload: [0x03, 0xEC])
        case .continuationWithoutStart:
            return frame(FrameHeader(opcode: .continuation, payloadLength: 4), "cont")
        case .hugeLength:
            // Only the header: a client must refuse the frame from its declared length alone.
            return FrameHeader(opcode: .binary, payloadLength: 1 << 40).encoded
        case .nonminimalLength:
            return frame(FrameHeader(opcode: .binary, payloadLength: 5, lengthEncoding: .sixteenBit), "12345")
        }
    }

    private func frame(_ header: FrameHeader, _ text: String) -> [UInt8] {
        FrameEncoder.encode(header, payload: Array(text.utf8))
    }
}
