import Testing
import WebSocketCore

/// `PackedFrames` gives back exactly the frames it was given: every header bit, the key, the length and its
/// encoding, the payload, an inflated payload, and the wire bytes however they were kept.
@Suite struct PackedFramesTests {
    /// Frames as the parser makes them, from wire bytes written by hand (RFC 6455 §5.2 layout), with and without
    /// wire capture.
    private func parsed(captures: Bool) throws -> [Frame] {
        let fromServer: [UInt8] =
            hex("81 05 48 65 6c 6c 6f")  // text "Hello"
            + hex("89 00")  // empty ping
            + hex("42 7e 01 00") + [UInt8](repeating: 0xAB, count: 256)  // binary, 16-bit length, no FIN
            + hex("80 7f 00 00 00 00 00 01 00 00") + [UInt8](repeating: 0x61, count: 65_536)  // 64-bit length
            + hex("c1 03 01 02 03")  // RSV1 on a text frame
        let fromClient = hex("81 85 37 fa 21 3d 7f 9f 4d 51 58")  // masked text "Hello"
        var frames: [Frame] = []
        for (role, wire) in [(Role.client, fromServer), (Role.server, fromClient)] {
            var parser = FrameParser(role: role, permitsRSV1: true, capturesWireBytes: captures)
            parser.append(contentsOf: wire)
            while let frame = try parser.next() { frames.append(frame) }
        }
        return frames
    }

    /// Frames built directly: explicit wire bytes, an inflated payload, each reserved bit alone, a masked header.
    private func built() -> [Frame] {
        let key = MaskingKey(0x01, 0x02, 0x03, 0x04)
        var inflated = Frame(header: FrameHeader(rsv1: true, opcode: .text, payloadLength: 3), payload: [0x01, 0x02, 0x03])
        inflated.inflatedPayload = Array("inflated text".utf8)
        return [
            Frame(header: FrameHeader(opcode: .binary, payloadLength: 2), payload: [9, 8], wireBytes: hex("82 02 09 08")),
            inflated,
            Frame(header: FrameHeader(fin: false, rsv2: true, opcode: .continuation, payloadLength: 1), payload: [7]),
            Frame(header: FrameHeader(rsv3: true, opcode: Opcode(rawValue: 0x3), payloadLength: 0), payload: []),
            Frame(header: FrameHeader(opcode: .close, maskingKey: key, payloadLength: 2), payload: [0x03, 0xE8]),
            Frame(
                header: FrameHeader(opcode: .text, payloadLength: 4, lengthEncoding: .sixtyFourBit),
                payload: Array("abcd".utf8), wireBytes: hex("81 7f 00 00 00 00 00 00 00 04 61 62 63 64")),
        ]
    }

    private func readAll(_ packed: PackedFrames) -> [Frame] {
        var cursor = PackedFrames.Cursor()
        var frames: [Frame] = []
        while let frame = packed.next(&cursor) { frames.append(frame) }
        return frames
    }

    @Test("parsed and built frames come back equal, header field by field and wire byte for wire byte")
    func roundTrip() throws {
        let frames = try parsed(captures: true) + parsed(captures: false) + built()
        #expect(frames.count == 18)  // six parsed twice, six built
        var packed = PackedFrames()
        for frame in frames { packed.append(frame) }
        #expect(packed.count == frames.count)
        let read = readAll(packed)
        #expect(read.count == frames.count)
        for (original, copy) in zip(frames, read) {
            #expect(copy.header == original.header)
            #expect(copy.payload == original.payload)
            #expect(copy.inflatedPayload == original.inflatedPayload)
            #expect(copy.wireBytes == original.wireBytes)
            #expect(copy.wireByteCount == original.wireByteCount)
            #expect(copy == original)
        }
    }

    @Test("after removeAll the store is empty, and frames appended again read back from the start")
    func reuse() throws {
        var packed = PackedFrames()
        for frame in built() { packed.append(frame) }
        packed.removeAll()
        #expect(packed.isEmpty)
        #expect(readAll(packed).isEmpty)
        let again = try parsed(captures: true)
        for frame in again { packed.append(frame) }
        #expect(readAll(packed) == again)
    }

    @Test("variableSize counts the payload, the inflated payload and wire bytes given whole")
    func variableSize() {
        let sizes = built().map(PackedFrames.variableSize(of:))
        #expect(sizes == [2 + 4, 3 + 13, 1, 0, 2, 4 + 14])
    }
}
