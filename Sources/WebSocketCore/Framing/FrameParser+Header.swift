/// The header rules of RFC 6455 §5.2, checked as soon as a header is complete and before any of its payload.
extension FrameParser {
    /// The size of a header, known from its second byte (the length form and the mask bit).
    @inline(__always)
    static func headerSize(secondByte second: UInt8) -> Int {
        let extendedLength =
            switch second & 0x7F {
            case 126: 2
            case 127: 8
            default: 0
            }
        return 2 + extendedLength + (second & 0x80 != 0 ? 4 : 0)
    }

    /// Parses the header at the start of `bytes` if it is complete, checking every rule that the header alone
    /// decides.
    func parseHeader(_ bytes: UnsafeRawBufferPointer) throws(ProtocolViolation) -> (FrameHeader, Int)? {
        let available = bytes.count
        guard available >= 2 else { return nil }
        let first = bytes[0]
        let second = bytes[1]
        let opcode = Opcode(rawValue: first & 0x0F)
        let fin = first & 0x80 != 0
        let rsv1 = first & 0x40 != 0
        let rsv2 = first & 0x20 != 0
        let rsv3 = first & 0x10 != 0
        let masked = second & 0x80 != 0
        let shortLength = second & 0x7F

        if opcode.isReserved {
            throw .protocolError("reserved opcode 0x\(String(opcode.rawValue, radix: 16))")
        }
        if rsv2 || rsv3 || (rsv1 && !permitsRSV1) {
            let bits = [rsv1 && !permitsRSV1 ? "RSV1" : nil, rsv2 ? "RSV2" : nil, rsv3 ? "RSV3" : nil].compactMap { $0 }
            throw .protocolError("\(bits.joined(separator: ", ")) set without a negotiated extension")
        }
        if opcode.isControl {
            if !fin { throw .protocolError("fragmented \(opcode.name) frame (control frames must have FIN set)") }
            if shortLength > 125 {
                throw .protocolError("\(opcode.name) frame longer than 125 bytes")
            }
        }
        switch role {
        case .client where masked: throw .protocolError("masked frame from the server")
        case .server where !masked: throw .protocolError("unmasked frame from the client")
        default: break
        }

        let encoding: PayloadLengthEncoding
        switch shortLength {
        case 126: encoding = .sixteenBit
        case 127: encoding = .sixtyFourBit
        default: encoding = .sevenBit
        }
        let headerSize = Self.headerSize(secondByte: second)
        guard available >= headerSize else { return nil }

        var length = UInt64(shortLength)
        var index = 2
        if encoding != .sevenBit {
            length = 0
            for _ in 0..<encoding.extendedLengthSize {
                length = length << 8 | UInt64(bytes[index])
                index += 1
            }
            if encoding == .sixtyFourBit && length >> 63 != 0 {
                throw .protocolError("64-bit payload length with the most significant bit set")
            }
            if PayloadLengthEncoding.minimal(for: length) != encoding {
                throw .protocolError(
                    "payload length \(length) not in its minimal \(PayloadLengthEncoding.minimal(for: length).rawValue) encoding")
            }
        }
        if length > maxPayloadSize {
            throw .tooBig("frame of \(SizeWords.size(length)) passed the \(SizeWords.size(maxPayloadSize)) limit")
        }
        var key: MaskingKey?
        if masked {
            key = MaskingKey(bytes[index], bytes[index + 1], bytes[index + 2], bytes[index + 3])
        }
        let header = FrameHeader(
            fin: fin, rsv1: rsv1, rsv2: rsv2, rsv3: rsv3, opcode: opcode, maskingKey: key,
            payloadLength: length, lengthEncoding: encoding)
        return (header, headerSize)
    }
}
