import Testing
import WebSocketCore

@testable import WebSocketServer

/// The `/abuse/` catalogue's routing and the bytes its lazy behaviours make, read back with the core's parser.
@Suite("abuse routes")
struct AbuseRouteTests {
    @Test func everyListedKindHasARoute() throws {
        for kind in AbuseRoute.kinds {
            #expect(throws: Never.self, "\(kind)") { try Route.parse("/abuse/\(kind)").get() }
        }
        #expect(throws: RouteError.self) { try Route.parse("/abuse/nothing-here").get() }
        #expect(throws: RouteError.self) { try Route.parse("/abuse/reserved-opcode?opcode=1").get() }
        #expect(throws: RouteError.self) { try Route.parse("/abuse/bomb-spread?deflate=0").get() }
    }

    @Test func handshakeAbusesOwnTheirResponse() throws {
        #expect(try Route.parse("/abuse/trickle").get().handshake == .byBehaviour)
        #expect(try Route.parse("/abuse/endless-head").get().handshake == .byBehaviour)
        #expect(try Route.parse("/abuse/duplicate-accept").get().handshake == .flawed(.duplicateAccept))
        #expect(try Route.parse("/abuse/unoffered-protocol").get().subprotocol == .exactly("unoffered"))
    }

    /// A message made lazily parses back as the fragments asked for: sizes, FIN only on the last, one opcode.
    @Test func lazyMessageIsTheFragmentsAskedFor() throws {
        var generator = LazyFrames.message(size: 5, fragment: 2, opcode: .text).generator()
        var parser = FrameParser(role: .client)
        while let chunk = generator.next() { parser.append(contentsOf: chunk) }
        var frames: [Frame] = []
        while let frame = try parser.next() { frames.append(frame) }
        #expect(frames.map(\.payload.count) == [2, 2, 1])
        #expect(frames.map(\.header.fin) == [false, false, true])
        #expect(frames.map(\.header.opcode) == [.text, .continuation, .continuation])
    }

    /// 1-byte continuations span chunks: every chunk ends on a frame boundary or inside one, never loses a byte.
    @Test func endlessContinuationsCrossChunksWhole() throws {
        var generator = LazyFrames.message(size: 100_000, fragment: 1, opcode: .text).generator()
        var parser = FrameParser(role: .client)
        var chunks = 0
        while let chunk = generator.next() {
            #expect(chunk.count <= LazyFrameGenerator.chunkSize)
            parser.append(contentsOf: chunk)
            chunks += 1
        }
        var count = 0
        while let frame = try parser.next() {
            count += 1
            #expect(frame.payload == [UInt8(ascii: "a")])
        }
        #expect(count == 100_000 && chunks > 1)
    }

    @Test func pingsAreWholeFramesOfTheirCount() throws {
        var generator = LazyFrames.pings(count: 1_000).generator()
        var parser = FrameParser(role: .client)
        while let chunk = generator.next() { parser.append(contentsOf: chunk) }
        var pings = 0
        while let frame = try parser.next() {
            #expect(frame.header.opcode == .ping && frame.payload.count == 125)
            pings += 1
        }
        #expect(pings == 1_000)
    }

    /// The endless head never ends: no blank line, and it stops at its bound.
    @Test func endlessHeadNeverEnds() {
        var generator = LazyFrames.endlessHead(bytes: 1 << 20).generator()
        var total = 0
        var tail: [UInt8] = []
        while let chunk = generator.next() {
            total += chunk.count
            let joined = tail + chunk
            #expect(!String(decoding: joined, as: UTF8.self).contains("\r\n\r\n"))
            tail = Array(joined.suffix(3))
        }
        #expect(total >= 1 << 20 && total < (1 << 20) + LazyFrameGenerator.chunkSize)
    }

    @Test func interleavedControlFramesParseAndTheMessageIsWhole() throws {
        var parser = FrameParser(role: .client)
        parser.append(contentsOf: AbuseFrames.interleaved(fragments: 3))
        var text: [UInt8] = []
        var controls = 0
        while let frame = try parser.next() {
            if frame.header.opcode.isControl { controls += 1 } else { text += frame.payload }
        }
        #expect(String(decoding: text, as: UTF8.self) == AbuseFrames.interleavedMessage(fragments: 3))
        #expect(controls == 2 * 4 + 1)  // a ping and a pong at each of the four positions, then the Close
    }
}
