import ClientTestSupport
import Testing
import WebSocketCore

/// Property: the parser is incremental, so however the byte stream is cut into reads (random cuts, or one byte at
/// a time) it returns exactly the frames of the unsplit parse, and those are exactly the frames that were encoded.
///
/// Frames are built by the test's own RFC 6455 §5.2 builder, so the originals do not depend on the code under test.
/// The generator is seeded; a failure prints the seed so the case can be replayed.
@Suite struct FrameParserSplitInvarianceTests {
    /// What was generated: the header fields, the payload and the wire bytes of one frame.
    struct Original {
        var fin: Bool
        var rsv1: Bool
        var opcode: UInt8
        var key: [UInt8]?
        var payload: [UInt8]
        var wire: [UInt8]
    }

    /// Sizes at and around the length-encoding boundaries.
    private static let boundarySizes = [0, 1, 125, 126, 127, 65535, 65536]

    private static func makeSequence(role: Role, permitsRSV1: Bool, using rng: inout SplitMix64) -> [Original] {
        let count = Int.random(in: 1...8, using: &rng)
        return (0..<count).map { _ in
            let opcode: UInt8 = [0x0, 0x1, 0x2, 0x8, 0x9, 0xA].randomElement(using: &rng)!
            let isControl = opcode >= 0x8
            var size: Int
            // Big frames are rare so the byte-at-a-time pass stays fast, but every boundary is reached.
            if Int.random(in: 0..<20, using: &rng) == 0 {
                size = boundarySizes.randomElement(using: &rng)!
            } else if Bool.random(using: &rng) {
                size = [0, 1, 125, 126, 127, 300].randomElement(using: &rng)!
            } else {
                size = Int.random(in: 0...200, using: &rng)
            }
            if isControl { size = min(size, 125) }  // §5.5
            let fin = isControl ? true : Bool.random(using: &rng)  // §5.5: control frames are never fragmented
            let rsv1 = permitsRSV1 && !isControl && Bool.random(using: &rng)
            let key = role == .server ? rng.bytes(4) : nil
            let payload = rng.bytes(size)
            let wire = wireFrame(fin: fin, rsv: rsv1 ? 0x4 : 0, opcode: opcode, key: key, payload: payload)
            return Original(fin: fin, rsv1: rsv1, opcode: opcode, key: key, payload: payload, wire: wire)
        }
    }

    /// How each read reaches the parser.
    enum Feed: CaseIterable, Sendable {
        /// Copied in with `append`, then drained.
        case append
        /// Lent with `lend`, drained, and the loan ended.
        case lend
        /// Lent, then the loan ended after at most one frame, as a caller that stops early (a consumer pushing
        /// back) ends it: the unread rest is stored, and the next read's loan starts behind a stored frame.
        case lendAndStopEarly
    }

    /// Feeds `chunks` in order, draining frames after each one.
    private static func parse(
        _ chunks: [ArraySlice<UInt8>], role: Role, permitsRSV1: Bool, feed: Feed = .append
    ) throws -> [Frame] {
        var parser = FrameParser(role: role, permitsRSV1: permitsRSV1, capturesWireBytes: true)
        var frames: [Frame] = []
        for chunk in chunks {
            switch feed {
            case .append:
                parser.append(contentsOf: chunk)
                while let frame = try parser.next() { frames.append(frame) }
            case .lend, .lendAndStopEarly:
                try chunk.withUnsafeBytes { bytes in
                    parser.lend(bytes)
                    while let frame = try parser.next() {
                        frames.append(frame)
                        if feed == .lendAndStopEarly { break }
                    }
                    parser.endLoan()
                }
            }
        }
        while let frame = try parser.next() { frames.append(frame) }
        #expect(parser.bufferedByteCount == 0)
        return frames
    }

    private static func randomCuts(_ bytes: [UInt8], using rng: inout SplitMix64) -> [ArraySlice<UInt8>] {
        var chunks: [ArraySlice<UInt8>] = []
        var start = 0
        while start < bytes.count {
            // Mostly short reads so that headers get cut too, sometimes long ones.
            let length =
                Bool.random(using: &rng)
                ? Int.random(in: 1...12, using: &rng) : Int.random(in: 1...4096, using: &rng)
            let end = min(bytes.count, start + length)
            chunks.append(bytes[start..<end])
            start = end
        }
        return chunks
    }

    private static func check(_ frames: [Frame], against originals: [Original], context: String) {
        #expect(frames.count == originals.count, "\(context): frame count")
        for (index, (frame, original)) in zip(frames, originals).enumerated() {
            let expectedKey = original.key.map { MaskingKey($0[0], $0[1], $0[2], $0[3]) }
            let count = original.payload.count
            let expectedEncoding: PayloadLengthEncoding =
                count <= 125 ? .sevenBit : count <= 0xFFFF ? .sixteenBit : .sixtyFourBit
            let ok =
                frame.header.fin == original.fin && frame.header.rsv1 == original.rsv1
                && !frame.header.rsv2 && !frame.header.rsv3
                && frame.header.opcode.rawValue == original.opcode && frame.header.maskingKey == expectedKey
                && frame.header.payloadLength == UInt64(count)
                && frame.header.lengthEncoding == expectedEncoding
                && frame.payload == original.payload && frame.wireBytes == original.wire
            #expect(ok, "\(context): frame \(index) differs from what was encoded: \(frame.header)")
        }
    }

    @Test(
        "random splits and byte-at-a-time give the encoded frames, appended or lent",
        arguments: [
            (Role.client, false), (Role.server, false), (Role.client, true), (Role.server, true),
        ].flatMap { role, rsv1 in Feed.allCases.map { (role, rsv1, $0) } })
    func splitInvariance(role: Role, permitsRSV1: Bool, feed: Feed) throws {
        let seed: UInt64 = 0x5EED_0000_6455 ^ (role == .server ? 1 : 0) ^ (permitsRSV1 ? 2 : 0)
        var rng = SplitMix64(seed: seed)
        for iteration in 0..<120 {
            let context = "seed 0x\(String(seed, radix: 16)) iteration \(iteration) \(feed)"
            let originals = Self.makeSequence(role: role, permitsRSV1: permitsRSV1, using: &rng)
            let stream = originals.flatMap(\.wire)

            let whole = try Self.parse([stream[...]], role: role, permitsRSV1: permitsRSV1, feed: feed)
            Self.check(whole, against: originals, context: "\(context) unsplit")

            for pass in 0..<3 {
                let chunks = Self.randomCuts(stream, using: &rng)
                let split = try Self.parse(chunks, role: role, permitsRSV1: permitsRSV1, feed: feed)
                Self.check(split, against: originals, context: "\(context) random split pass \(pass)")
            }

            // One byte at a time on the streams without 64 KiB frames (those are fed bytewise once, below).
            if stream.count <= 8192 {
                let chunks = stream.indices.map { stream[$0...$0] }
                let bytewise = try Self.parse(chunks, role: role, permitsRSV1: permitsRSV1, feed: feed)
                Self.check(bytewise, against: originals, context: "\(context) byte at a time")
            }
        }
    }

    @Test("every cut point of a stream gives the same frames", arguments: Feed.allCases)
    func everyCutPoint(feed: Feed) throws {
        // Exhaustive over one cut through the first two frames and the third's header: 16-bit, 7-bit and
        // 64-bit lengths, all masked.
        var rng = SplitMix64(seed: 42)
        let a = wireFrame(opcode: 0x1, key: rng.bytes(4), payload: rng.bytes(126))
        let b = wireFrame(fin: false, opcode: 0x2, key: rng.bytes(4), payload: rng.bytes(3))
        let c = wireFrame(opcode: 0x0, key: rng.bytes(4), payload: rng.bytes(65536))
        let stream = a + b + c
        let whole = try Self.parse([stream[...]], role: .server, permitsRSV1: false)
        #expect(whole.map(\.wireBytes) == [a, b, c])
        for cut in 0...(a.count + b.count + 20) {
            let frames = try Self.parse([stream[..<cut], stream[cut...]], role: .server, permitsRSV1: false, feed: feed)
            #expect(frames.map(\.wireBytes) == [a, b, c], "cut at \(cut)")
        }
    }

    @Test("the 16-bit and 64-bit boundary frames, one byte at a time", arguments: Feed.allCases)
    func bigFramesBytewise(feed: Feed) throws {
        var rng = SplitMix64(seed: 7)
        let frames = [65535, 65536].map { wireFrame(opcode: 0x2, key: rng.bytes(4), payload: rng.bytes($0)) }
        let stream = frames.flatMap { $0 }
        let parsed = try Self.parse(stream.indices.map { stream[$0...$0] }, role: .server, permitsRSV1: false, feed: feed)
        #expect(parsed.map(\.wireBytes) == frames)
        #expect(parsed.map(\.header.lengthEncoding) == [.sixteenBit, .sixtyFourBit])
    }
}
