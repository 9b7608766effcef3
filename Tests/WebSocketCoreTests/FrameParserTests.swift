import ClientTestSupport
import Testing
import WebSocketCore

/// Decoding of single frames: every header field, the three length encodings, and wire-byte capture.
/// Expected bytes are the RFC 6455 §5.7 examples or are built by hand from the §5.2 diagram.
@Suite struct FrameParserTests {
    /// Feeds `bytes` in one piece and returns every complete frame.
    private func parseAll(
        _ bytes: [UInt8], role: Role, permitsRSV1: Bool = false, captures: Bool = true
    ) throws -> [Frame] {
        var parser = FrameParser(role: role, permitsRSV1: permitsRSV1, capturesWireBytes: captures)
        parser.append(contentsOf: bytes)
        var frames: [Frame] = []
        while let frame = try parser.next() { frames.append(frame) }
        #expect(parser.bufferedByteCount == 0, "bytes left over after the last frame")
        return frames
    }

    @Test("RFC 6455 §5.7: unmasked single-frame text \"Hello\"")
    func unmaskedHello() throws {
        let wire = hex("81 05 48 65 6c 6c 6f")
        let frames = try parseAll(wire, role: .client)
        let frame = try #require(frames.first)
        #expect(frames.count == 1)
        #expect(frame.header.fin)
        #expect(!frame.header.rsv1 && !frame.header.rsv2 && !frame.header.rsv3)
        #expect(frame.header.opcode == .text)
        #expect(frame.header.maskingKey == nil)
        #expect(!frame.header.isMasked)
        #expect(frame.header.payloadLength == 5)
        #expect(frame.header.lengthEncoding == .sevenBit)
        #expect(frame.payload == Array("Hello".utf8))
        #expect(frame.wireBytes == wire)
    }

    @Test("RFC 6455 §5.7: masked text \"Hello\" is unmasked for a server")
    func maskedHello() throws {
        let wire = hex("81 85 37 fa 21 3d 7f 9f 4d 51 58")
        let frame = try #require(try parseAll(wire, role: .server).first)
        #expect(frame.header.opcode == .text)
        #expect(frame.header.isMasked)
        #expect(frame.header.maskingKey == MaskingKey(0x37, 0xFA, 0x21, 0x3D))
        #expect(frame.header.maskingKey?.bytes == [0x37, 0xFA, 0x21, 0x3D])
        #expect(frame.header.payloadLength == 5)
        #expect(frame.payload == Array("Hello".utf8))
        // The wire bytes are what crossed the socket: still masked.
        #expect(frame.wireBytes == wire)
    }

    @Test("RFC 6455 §5.7: a fragmented unmasked text message \"Hel\" + \"lo\"")
    func fragmentedHello() throws {
        let wire = hex("01 03 48 65 6c") + hex("80 02 6c 6f")
        let frames = try parseAll(wire, role: .client)
        #expect(frames.count == 2)
        #expect(frames[0].header.fin == false)
        #expect(frames[0].header.opcode == .text)
        #expect(frames[0].payload == Array("Hel".utf8))
        #expect(frames[0].wireBytes == hex("01 03 48 65 6c"))
        #expect(frames[1].header.fin == true)
        #expect(frames[1].header.opcode == .continuation)
        #expect(frames[1].payload == Array("lo".utf8))
        #expect(frames[1].wireBytes == hex("80 02 6c 6f"))
    }

    @Test("RFC 6455 §5.7: unmasked ping and masked pong")
    func pingAndPong() throws {
        let ping = try #require(try parseAll(hex("89 05 48 65 6c 6c 6f"), role: .client).first)
        #expect(ping.header.opcode == .ping)
        #expect(ping.payload == Array("Hello".utf8))
        let pong = try #require(try parseAll(hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58"), role: .server).first)
        #expect(pong.header.opcode == .pong)
        #expect(pong.payload == Array("Hello".utf8))
    }

    @Test("RFC 6455 §5.7: 256 bytes of binary use the 16-bit length 0x7E 0x0100")
    func sixteenBitLength() throws {
        let payload = (0..<256).map { UInt8($0) }
        let wire = [0x82, 0x7E, 0x01, 0x00] + payload
        let frame = try #require(try parseAll(wire, role: .client).first)
        #expect(frame.header.opcode == .binary)
        #expect(frame.header.payloadLength == 256)
        #expect(frame.header.lengthEncoding == .sixteenBit)
        #expect(frame.payload == payload)
        #expect(frame.wireBytes == wire)
    }

    @Test("RFC 6455 §5.7: 64 KiB of binary use the 64-bit length 0x7F 0x0000000000010000")
    func sixtyFourBitLength() throws {
        let payload = (0..<65536).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let wire: [UInt8] = [0x82, 0x7F, 0, 0, 0, 0, 0, 1, 0, 0] + payload
        let frame = try #require(try parseAll(wire, role: .client).first)
        #expect(frame.header.payloadLength == 65536)
        #expect(frame.header.lengthEncoding == .sixtyFourBit)
        #expect(frame.payload == payload)
        #expect(frame.wireBytes == wire)
    }

    /// The boundaries of the three length encodings (RFC 6455 §5.2: 0–125 inline, 126 → 16-bit, 127 → 64-bit).
    @Test(
        "length encoding boundaries",
        arguments: [
            (0, PayloadLengthEncoding.sevenBit), (1, .sevenBit), (125, .sevenBit),
            (126, .sixteenBit), (127, .sixteenBit), (65535, .sixteenBit),
            (65536, .sixtyFourBit), (70000, .sixtyFourBit),
        ])
    func lengthBoundaries(length: Int, encoding: PayloadLengthEncoding) throws {
        let payload = [UInt8](repeating: 0x61, count: length)
        let wire = wireFrame(opcode: 0x2, payload: payload)
        // The 7-bit field and the header size follow from the encoding alone.
        let expectedHeaderSize = 2 + (encoding == .sevenBit ? 0 : encoding == .sixteenBit ? 2 : 8)
        #expect(wire.count == expectedHeaderSize + length)
        let frame = try #require(try parseAll(wire, role: .client).first)
        #expect(frame.header.payloadLength == UInt64(length))
        #expect(frame.header.lengthEncoding == encoding)
        #expect(frame.header.encodedSize == expectedHeaderSize)
        #expect(frame.payload == payload)
    }

    @Test(
        "every valid opcode decodes",
        arguments: [
            (UInt8(0x0), Opcode.continuation), (0x1, .text), (0x2, .binary), (0x8, .close), (0x9, .ping), (0xA, .pong),
        ])
    func opcodes(raw: UInt8, opcode: Opcode) throws {
        let frame = try #require(try parseAll(wireFrame(opcode: raw, payload: [1, 2]), role: .client).first)
        #expect(frame.header.opcode == opcode)
        #expect(frame.header.opcode.rawValue == raw)
        #expect(frame.header.opcode.isControl == (raw >= 0x8))
    }

    @Test("FIN clear is decoded")
    func finClear() throws {
        let frame = try #require(try parseAll(hex("02 01 ff"), role: .client).first)
        #expect(frame.header.fin == false)
        #expect(frame.header.opcode == .binary)
    }

    @Test("RSV1 is decoded when an extension permits it")
    func rsv1Permitted() throws {
        // 0xC1 = FIN | RSV1 | TEXT.
        let frame = try #require(try parseAll(hex("c1 01 41"), role: .client, permitsRSV1: true).first)
        #expect(frame.header.rsv1)
        #expect(!frame.header.rsv2 && !frame.header.rsv3)
        #expect(frame.header.fin)
        #expect(frame.header.opcode == .text)
    }

    @Test("wire bytes are nil when capture is off")
    func noCapture() throws {
        let frame = try #require(try parseAll(hex("81 05 48 65 6c 6c 6f"), role: .client, captures: false).first)
        #expect(frame.wireBytes == nil)
        #expect(frame.payload == Array("Hello".utf8))
    }

    @Test("an incomplete header or payload yields nil, and the header is exposed once complete")
    func incomplete() throws {
        var parser = FrameParser(role: .client)
        parser.append(contentsOf: [0x82])
        #expect(try parser.next() == nil)
        #expect(parser.partialFrameHeader == nil)
        parser.append(contentsOf: [0x7E, 0x01])
        #expect(try parser.next() == nil)
        #expect(parser.partialFrameHeader == nil, "the 16-bit length is not complete yet")
        parser.append(contentsOf: [0x00, 0xAA, 0xBB])
        #expect(try parser.next() == nil)
        let header = try #require(parser.partialFrameHeader)
        #expect(header.payloadLength == 256)
        #expect(parser.partialPayloadCount == 2)
        #expect(parser.withPartialPayload(from: 0) { Array($0) } == [0xAA, 0xBB])
        #expect(parser.withPartialPayload(from: 1) { Array($0) } == [0xBB])
        parser.append(contentsOf: [UInt8](repeating: 0xCC, count: 254))
        let frame = try #require(try parser.next())
        #expect(frame.payload == [0xAA, 0xBB] + [UInt8](repeating: 0xCC, count: 254))
        #expect(parser.partialFrameHeader == nil)
        #expect(parser.bufferedByteCount == 0)
    }

    @Test("several frames in one buffer come out in order, with the rest of the last one buffered")
    func severalFrames() throws {
        var parser = FrameParser(role: .client, capturesWireBytes: true)
        let a = wireFrame(opcode: 0x1, payload: Array("a".utf8))
        let b = wireFrame(opcode: 0x9, payload: [])
        let c = wireFrame(opcode: 0x2, payload: [1, 2, 3])
        parser.append(contentsOf: a + b + c.dropLast())
        #expect(try parser.next()?.wireBytes == a)
        #expect(try parser.next()?.wireBytes == b)
        #expect(try parser.next() == nil)
        #expect(parser.bufferedByteCount == c.count - 1)
        parser.append(contentsOf: c.suffix(1))
        #expect(try parser.next()?.wireBytes == c)
    }

    /// The partial payload is what the frame will carry: unmasked, whether the frame is buffered (small) or
    /// collected straight into its own array (32 KiB and more), read from any offset.
    @Test("a masked partial payload reads unmasked from any offset", arguments: [200, 40_000])
    func maskedPartialPayload(size: Int) throws {
        var rng = SplitMix64(seed: UInt64(size))
        let payload = rng.bytes(size)
        let wire = wireFrame(opcode: 0x2, key: [0x37, 0xFA, 0x21, 0x3D], payload: payload)
        var parser = FrameParser(role: .server)
        let cut = wire.count - size / 3
        parser.append(contentsOf: wire[..<cut])
        #expect(try parser.next() == nil)
        let arrived = size - (wire.count - cut)
        #expect(parser.partialPayloadCount == arrived)
        for offset in [0, 1, 3, 5, arrived - 1, arrived] {
            #expect(
                parser.withPartialPayload(from: offset) { Array($0) } == Array(payload[offset..<arrived]),
                "from offset \(offset)")
        }
        parser.append(contentsOf: wire[cut...])
        #expect(try parser.next()?.payload == payload)
        #expect(parser.partialPayloadCount == 0)
    }
}
