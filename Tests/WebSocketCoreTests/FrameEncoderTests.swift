import ClientTestSupport
import Testing
import WebSocketCore

/// Encoding: header bytes and whole frames against the RFC 6455 §5.7 examples, worked out by hand from the §5.2
/// diagram, and against the test's own byte-wise builder for random frames.
@Suite struct FrameEncoderTests {
    private static let rfcKey = MaskingKey(0x37, 0xFA, 0x21, 0x3D)

    @Test("§5.7 unmasked text \"Hello\" = 81 05 48 65 6c 6c 6f")
    func unmaskedHello() {
        let header = FrameHeader(opcode: .text, payloadLength: 5)
        #expect(FrameEncoder.encode(header, payload: Array("Hello".utf8)) == [0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F])
        #expect(header.encoded == [0x81, 0x05])
        #expect(FrameEncoder.encodedSize(of: header) == 7)
    }

    @Test("§5.7 masked text \"Hello\" with key 37 fa 21 3d")
    func maskedHello() {
        let header = FrameHeader(opcode: .text, maskingKey: Self.rfcKey, payloadLength: 5)
        let expected: [UInt8] = [0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58]
        #expect(FrameEncoder.encode(header, payload: Array("Hello".utf8)) == expected)
        #expect(header.encoded == Array(expected.prefix(6)))
        #expect(header.encodedSize == 6)
    }

    @Test("§5.7 fragmented \"Hel\" + \"lo\"")
    func fragmented() {
        let first = FrameHeader(fin: false, opcode: .text, payloadLength: 3)
        let last = FrameHeader(opcode: .continuation, payloadLength: 2)
        #expect(FrameEncoder.encode(first, payload: Array("Hel".utf8)) == [0x01, 0x03, 0x48, 0x65, 0x6C])
        #expect(FrameEncoder.encode(last, payload: Array("lo".utf8)) == [0x80, 0x02, 0x6C, 0x6F])
    }

    @Test("§5.7 unmasked ping and masked pong")
    func pingPong() {
        let ping = FrameHeader(opcode: .ping, payloadLength: 5)
        #expect(FrameEncoder.encode(ping, payload: Array("Hello".utf8)) == [0x89, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F])
        let pong = FrameHeader(opcode: .pong, maskingKey: Self.rfcKey, payloadLength: 5)
        #expect(
            FrameEncoder.encode(pong, payload: Array("Hello".utf8))
                == [0x8A, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58])
    }

    @Test("§5.7 256 bytes of binary: 82 7E 01 00 then the payload")
    func binary256() {
        let payload = (0..<256).map { UInt8($0) }
        let header = FrameHeader(opcode: .binary, payloadLength: 256)
        #expect(header.lengthEncoding == .sixteenBit)
        let wire = FrameEncoder.encode(header, payload: payload)
        #expect(wire.count == 4 + 256)
        #expect(Array(wire.prefix(4)) == [0x82, 0x7E, 0x01, 0x00])
        #expect(Array(wire.dropFirst(4)) == payload)
    }

    @Test("§5.7 64 KiB of binary: 82 7F 00 00 00 00 00 01 00 00 then the payload")
    func binary64KiB() {
        let payload = [UInt8](repeating: 0x5A, count: 65536)
        let header = FrameHeader(opcode: .binary, payloadLength: 65536)
        #expect(header.lengthEncoding == .sixtyFourBit)
        let wire = FrameEncoder.encode(header, payload: payload)
        #expect(wire.count == 10 + 65536)
        #expect(Array(wire.prefix(10)) == [0x82, 0x7F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00])
        #expect(Array(wire.dropFirst(10)) == payload)
    }

    static let boundaries: [(UInt64, [UInt8])] = [
        (0, [0x82, 0x00]),
        (125, [0x82, 0x7D]),
        (126, [0x82, 0x7E, 0x00, 0x7E]),
        (65535, [0x82, 0x7E, 0xFF, 0xFF]),
        (65536, [0x82, 0x7F, 0, 0, 0, 0, 0, 1, 0, 0]),
        (0x0123_4567_89AB_CDEF, [0x82, 0x7F, 0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF]),
    ]

    @Test("the minimal length encoding at each boundary", arguments: boundaries)
    func lengthBoundaries(length: UInt64, headerBytes: [UInt8]) {
        let header = FrameHeader(opcode: .binary, payloadLength: length)
        #expect(header.encoded == headerBytes)
        #expect(header.encodedSize == headerBytes.count)
    }

    @Test("a masked 64-bit header puts the key after the eight length bytes")
    func masked64() {
        let header = FrameHeader(opcode: .binary, maskingKey: MaskingKey(1, 2, 3, 4), payloadLength: 65536)
        #expect(header.encoded == [0x82, 0xFF, 0, 0, 0, 0, 0, 1, 0, 0, 1, 2, 3, 4])
        #expect(header.encodedSize == 14)
    }

    @Test("FIN, RSV1–3 and opcode bits land in the first byte")
    func firstByteBits() {
        #expect(
            FrameHeader(fin: true, rsv1: true, rsv2: true, rsv3: true, opcode: .binary, payloadLength: 0).encoded
                == [0xF2, 0x00])
        #expect(FrameHeader(fin: false, rsv1: true, opcode: .text, payloadLength: 0).encoded == [0x41, 0x00])
        #expect(FrameHeader(fin: false, rsv2: true, opcode: .continuation, payloadLength: 0).encoded == [0x20, 0x00])
        #expect(FrameHeader(fin: true, rsv3: true, opcode: .close, payloadLength: 0).encoded == [0x98, 0x00])
        // Reserved opcodes can be written (the inspector's compose box may send them on purpose).
        #expect(FrameHeader(opcode: Opcode(rawValue: 0xB), payloadLength: 0).encoded == [0x8B, 0x00])
    }

    @Test("an explicit non-minimal length encoding is honoured")
    func nonMinimalOnRequest() {
        #expect(
            FrameHeader(opcode: .binary, payloadLength: 5, lengthEncoding: .sixteenBit).encoded
                == [0x82, 0x7E, 0x00, 0x05])
        #expect(
            FrameHeader(opcode: .binary, payloadLength: 5, lengthEncoding: .sixtyFourBit).encoded
                == [0x82, 0x7F, 0, 0, 0, 0, 0, 0, 0, 5])
    }

    @Test("MaskingKey(networkOrder:) puts the most significant byte first")
    func networkOrderKey() {
        #expect(MaskingKey(networkOrder: 0x37FA_213D) == MaskingKey(0x37, 0xFA, 0x21, 0x3D))
        #expect(MaskingKey(networkOrder: 0x37FA_213D).bytes == [0x37, 0xFA, 0x21, 0x3D])
    }

    @Test("encoding into a caller's buffer writes the same bytes and returns the size")
    func intoBuffer() {
        let payload = Array("Hello".utf8)
        let header = FrameHeader(opcode: .text, maskingKey: Self.rfcKey, payloadLength: 5)
        var buffer = [UInt8](repeating: 0xEE, count: 11)
        let written = buffer.withUnsafeMutableBytes { out in
            payload.withUnsafeBytes { FrameEncoder.encode(header, payload: $0, into: out) }
        }
        #expect(written == 11)
        #expect(buffer == [0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58])
    }

    @Test("random frames match the test's own RFC 6455 §5.2 builder")
    func randomAgainstReference() {
        let seed: UInt64 = 0xE4C0DE
        var rng = SplitMix64(seed: seed)
        for iteration in 0..<300 {
            // Every boundary, with the 64 KiB sizes rarer to keep the test quick.
            let size =
                iteration % 25 == 0
                ? [65535, 65536].randomElement(using: &rng)!
                : [0, 1, 125, 126, 127, Int.random(in: 0...1000, using: &rng)].randomElement(using: &rng)!
            let payload = rng.bytes(size)
            let fin = Bool.random(using: &rng)
            let opcode: UInt8 = [0x0, 0x1, 0x2].randomElement(using: &rng)!
            let key: [UInt8]? = Bool.random(using: &rng) ? rng.bytes(4) : nil
            let header = FrameHeader(
                fin: fin, opcode: Opcode(rawValue: opcode), maskingKey: key.map { MaskingKey($0[0], $0[1], $0[2], $0[3]) },
                payloadLength: UInt64(size))
            let encoded = FrameEncoder.encode(header, payload: payload)
            let expected = wireFrame(fin: fin, opcode: opcode, key: key, payload: payload)
            #expect(encoded == expected, "seed 0x\(String(seed, radix: 16)) iteration \(iteration), size \(size)")
        }
    }
}
