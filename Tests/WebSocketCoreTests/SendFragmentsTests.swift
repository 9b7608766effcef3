import Testing
import WebSocketCore

/// `sendFragments`, the relay's way to keep a message's fragmentation from one leg to the other: frames of the given
/// sizes, compressed one by one with a sync flush when deflate applies, read back by a server-role connection and,
/// for the compressed bytes, by the tests' own inflater.
@Suite("sending a message in fragments")
struct SendFragmentsTests {
    static let sizes = [100, 20_000, 300, 0]
    static let payload: [UInt8] =
        [UInt8](repeating: 0x41, count: 100) + (0..<20_000).map { UInt8($0 % 7) } + [UInt8](repeating: 0x78, count: 300)

    @Test func withoutDeflateEachFrameCarriesItsSliceUnchanged() throws {
        var client = WebSocketConnection(configuration: ConnectionConfiguration(role: .client))
        var server = WebSocketConnection(configuration: ConnectionConfiguration(role: .server))
        server.capturesWireBytes = true
        let queued = client.sendFragments(.binary, payload: Self.payload, frameSizes: Self.sizes)
        #expect(queued)
        let frames = client.takeOutbound()
        #expect(frames.map(\.header.opcode) == [.binary, .continuation, .continuation, .continuation])
        #expect(frames.map(\.header.fin) == [false, false, false, true])
        #expect(frames.allSatisfy { !$0.header.rsv1 && $0.header.maskingKey != nil })
        #expect(frames.map(\.payload.count) == Self.sizes)
        #expect(frames.flatMap(\.payload) == Self.payload)
        let events = server.receive(frames.flatMap { $0.encoded() })
        #expect(events.last == .message(.binary(Self.payload)))
    }

    @Test(arguments: [true, false])
    func withDeflateEveryFrameIsCompressedAndOnlyTheFirstCarriesRSV1(takeover: Bool) throws {
        let deflate = NegotiatedDeflate(
            serverMaxWindowBits: 15, clientMaxWindowBits: 15, serverNoContextTakeover: !takeover,
            clientNoContextTakeover: !takeover)
        var (client, server) = deflatePair(deflate)
        server.capturesWireBytes = true
        let reader = ReferenceInflater(windowBits: 15)
        // Twice: with context takeover the second message may refer back into the first.
        for round in 0..<2 {
            let queued = client.sendFragments(.binary, payload: Self.payload, frameSizes: Self.sizes)
            #expect(queued)
            let frames = client.takeOutbound()
            #expect(frames.map(\.header.rsv1) == [true, false, false, false])
            #expect(frames.map(\.header.fin) == [false, false, false, true])
            #expect(frames.map(\.payload).flatMap { $0 }.count < Self.payload.count / 4, "compressed")
            if !takeover { reader.reset() }
            #expect(try reader.inflateMessage(frames.flatMap(\.payload)) == Self.payload, "round \(round)")
            // The server inflates frame by frame: each frame gives back exactly its slice.
            let events = server.receive(frames.flatMap { $0.encoded() })
            let inflated = events.compactMap { event -> Int? in
                if case .frameReceived(let frame) = event { return frame.inflatedPayload?.count }
                return nil
            }
            #expect(inflated == Self.sizes, "round \(round)")
            #expect(events.last == .message(.binary(Self.payload)), "round \(round)")
        }
    }

    @Test func aMessageUnderTheThresholdGoesUncompressedAndOneSizeIsOneFrame() {
        let deflate = NegotiatedDeflate(compressionThreshold: 64)
        var (client, _) = deflatePair(deflate)
        let queued = client.sendFragments(.text, payload: Array("short".utf8), frameSizes: [2, 3])
        #expect(queued)
        #expect(client.takeOutbound().map(\.header.rsv1) == [false, false])
        let single = client.sendFragments(.text, payload: Array("short".utf8), frameSizes: [5])
        #expect(single)
        #expect(client.takeOutbound().count == 1)
    }

    @Test func nothingIsQueuedOnceClosingHasStarted() {
        var client = WebSocketConnection(configuration: ConnectionConfiguration(role: .client))
        client.close(code: 1000)
        _ = client.takeOutbound()
        let queued = client.sendFragments(.binary, payload: [1, 2], frameSizes: [1, 1])
        #expect(!queued)
        #expect(!client.hasOutbound)
    }
}
