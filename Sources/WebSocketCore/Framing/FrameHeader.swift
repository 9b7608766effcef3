/// How a frame's payload length was written on the wire (RFC 6455 §5.2).
public enum PayloadLengthEncoding: String, Sendable, Hashable {
    /// The length fits in the 7-bit field (0–125).
    case sevenBit = "7-bit"
    /// The 7-bit field holds 126 and a 16-bit length follows.
    case sixteenBit = "16-bit"
    /// The 7-bit field holds 127 and a 64-bit length follows.
    case sixtyFourBit = "64-bit"

    /// The shortest encoding that can carry `length`, which RFC 6455 requires.
    public static func minimal(for length: UInt64) -> PayloadLengthEncoding {
        if length <= 125 { return .sevenBit }
        if length <= 0xFFFF { return .sixteenBit }
        return .sixtyFourBit
    }

    /// Bytes the length takes after the first two header bytes.
    public var extendedLengthSize: Int {
        switch self {
        case .sevenBit: return 0
        case .sixteenBit: return 2
        case .sixtyFourBit: return 8
        }
    }
}

/// A decoded frame header: every bit the wire carried before the payload.
public struct FrameHeader: Hashable, Sendable {
    /// FIN: this frame ends its message.
    public var fin: Bool
    /// RSV1; permessage-deflate uses it to flag a compressed message.
    public var rsv1: Bool
    /// RSV2; no extension this client knows uses it.
    public var rsv2: Bool
    /// RSV3; no extension this client knows uses it.
    public var rsv3: Bool
    /// The opcode, possibly a reserved one.
    public var opcode: Opcode
    /// The masking key, or `nil` when the MASK bit is clear.
    public var maskingKey: MaskingKey?
    /// The payload length the header declares.
    public var payloadLength: UInt64
    /// How the length was encoded.
    public var lengthEncoding: PayloadLengthEncoding

    /// The longest header on the wire: two bytes, an 8-byte extended length and a 4-byte masking key.
    public static let largestEncodedSize = 14

    /// Creates a header; the length encoding defaults to the minimal one.
    public init(
        fin: Bool = true, rsv1: Bool = false, rsv2: Bool = false, rsv3: Bool = false, opcode: Opcode,
        maskingKey: MaskingKey? = nil, payloadLength: UInt64, lengthEncoding: PayloadLengthEncoding? = nil
    ) {
        self.fin = fin
        self.rsv1 = rsv1
        self.rsv2 = rsv2
        self.rsv3 = rsv3
        self.opcode = opcode
        self.maskingKey = maskingKey
        self.payloadLength = payloadLength
        self.lengthEncoding = lengthEncoding ?? .minimal(for: payloadLength)
    }

    /// Whether the MASK bit is set.
    public var isMasked: Bool { maskingKey != nil }

    /// The header's first byte as it goes on the wire: FIN, RSV1–3 and the opcode.
    var firstByte: UInt8 {
        var first = opcode.rawValue
        if fin { first |= 0x80 }
        if rsv1 { first |= 0x40 }
        if rsv2 { first |= 0x20 }
        if rsv3 { first |= 0x10 }
        return first
    }

    /// A header whose FIN, RSV1–3 and opcode are read from its first wire byte.
    init(firstByte first: UInt8, maskingKey: MaskingKey?, payloadLength: UInt64, lengthEncoding: PayloadLengthEncoding) {
        self.init(
            fin: first & 0x80 != 0, rsv1: first & 0x40 != 0, rsv2: first & 0x20 != 0, rsv3: first & 0x10 != 0,
            opcode: Opcode(rawValue: first & 0x0F), maskingKey: maskingKey, payloadLength: payloadLength,
            lengthEncoding: lengthEncoding)
    }

    /// The number of bytes this header takes on the wire.
    public var encodedSize: Int { 2 + lengthEncoding.extendedLengthSize + (isMasked ? 4 : 0) }

    /// Writes the header at the start of `buffer`, which must hold at least `encodedSize` bytes.
    /// Returns the number of bytes written.
    @discardableResult
    public func encode(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        precondition(buffer.count >= encodedSize, "header buffer too small")
        buffer[0] = firstByte
        let maskBit: UInt8 = isMasked ? 0x80 : 0
        var index = 2
        switch lengthEncoding {
        case .sevenBit:
            buffer[1] = maskBit | UInt8(payloadLength)
        case .sixteenBit:
            buffer[1] = maskBit | 126
            buffer[2] = UInt8(truncatingIfNeeded: payloadLength >> 8)
            buffer[3] = UInt8(truncatingIfNeeded: payloadLength)
            index = 4
        case .sixtyFourBit:
            buffer[1] = maskBit | 127
            for shift in 0..<8 {
                buffer[2 + shift] = UInt8(truncatingIfNeeded: payloadLength >> UInt64(56 - 8 * shift))
            }
            index = 10
        }
        if let key = maskingKey {
            buffer[index] = key.b0
            buffer[index + 1] = key.b1
            buffer[index + 2] = key.b2
            buffer[index + 3] = key.b3
            index += 4
        }
        return index
    }

    /// The header's wire bytes.
    public var encoded: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: encodedSize) { buffer, count in
            count = encode(into: UnsafeMutableRawBufferPointer(buffer))
        }
    }
}
