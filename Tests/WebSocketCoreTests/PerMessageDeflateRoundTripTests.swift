import ClientTestSupport
import Testing
import WebSocketCore

/// Compression both ways through a client-role and a server-role connection, at every window size, with and
/// without context takeover, several messages each (context takeover only shows across messages). Each compressed
/// frame is also inflated by an independent reader with exactly the negotiated window, so a compressor that
/// reaches further back than agreed, or keeps context it promised to drop, fails here.
@Suite("permessage-deflate round trips")
struct PerMessageDeflateRoundTripTests {
    struct Setting: Sendable, CustomTestStringConvertible {
        var bits: Int
        var takeover: Bool
        var testDescription: String { "window \(bits), \(takeover ? "context takeover" : "no context takeover")" }
    }

    static let settings: [Setting] = (8...15).flatMap { [Setting(bits: $0, takeover: true), Setting(bits: $0, takeover: false)] }

    /// Messages that repeat each other, so context takeover has something to reuse; the last is larger than any
    /// window, so the window bound matters inside one message too.
    static func messages() -> [String] {
        var random = SplitMix64(seed: 7)
        let words = (0..<40).map { _ in String(decoding: random.bytes(6).map { 0x61 + $0 % 26 }, as: UTF8.self) }
        let base = words.joined(separator: " ")
        var long = ""
        for index in 0..<400 { long += words[(index * 7) % words.count] + "\(index % 13) " }
        return [base, base + " #2", base + " #3", base, long, long]
    }

    @Test("client to server and back", arguments: settings)
    func roundTrip(_ setting: Setting) throws {
        let deflate = NegotiatedDeflate(
            serverMaxWindowBits: setting.bits, clientMaxWindowBits: setting.bits, serverNoContextTakeover: !setting.takeover,
            clientNoContextTakeover: !setting.takeover, compressionThreshold: 1)
        var (client, server) = deflatePair(deflate)
        // zlib cannot write raw deflate with a 256-byte window: a negotiated 8 is written with 9 (RFC 7692 §7.1.2.1
        // lets the peer's inflater use a larger window than it asked for only on its own side, hence the house rule).
        let readerBits = max(9, setting.bits)
        let serverReader = ReferenceInflater(windowBits: readerBits)
        let clientReader = ReferenceInflater(windowBits: readerBits)
        var clientSizes: [Int] = []
        for text in Self.messages() {
            // Client -> server.
            let clientSent = client.sendText(text)
            #expect(clientSent)
            let outbound = client.takeOutbound()
            try #require(outbound.count == 1)
            let frame = outbound[0]
            #expect(frame.header.rsv1, "a compressed message carries RSV1")
            clientSizes.append(frame.payload.count)
            if !setting.takeover { serverReader.reset() }
            #expect(try serverReader.inflateMessage(frame.payload) == Array(text.utf8))
            let atServer = server.receive(frame.encoded())
            #expect(atServer == [.message(.text(text))])

            // Server -> client (an echo).
            let serverSent = server.sendText(text)
            #expect(serverSent)
            let back = server.takeOutbound()
            try #require(back.count == 1)
            #expect(back[0].header.rsv1 && !back[0].header.isMasked)
            if !setting.takeover { clientReader.reset() }
            #expect(try clientReader.inflateMessage(back[0].payload) == Array(text.utf8))
            #expect(client.receive(back[0].encoded()) == [.message(.text(text))])
        }
        // Messages 1 and 4 are equal; with context takeover the 4th is mostly back-references when the window
        // holds the messages before it (zlib level 1 indexes only the start of long matches, so it finds message 1,
        // not the copies of it in messages 2 and 3), without it they compress identically.
        if setting.takeover {
            let history = Self.messages()[0..<3].map(\.utf8.count).reduce(0, +)
            if history < 1 << readerBits { #expect(clientSizes[3] < clientSizes[0] / 4, "sizes \(clientSizes)") }
        } else {
            #expect(clientSizes[3] == clientSizes[0], "sizes \(clientSizes)")
            #expect(clientSizes[5] == clientSizes[4], "sizes \(clientSizes)")
        }
    }

    @Test("a compressed message split over three frames is inflated frame by frame")
    func fragmentedCompressedMessage() {
        var connection = WebSocketConnection(configuration: ConnectionConfiguration(role: .client, deflate: NegotiatedDeflate()))
        let text = String(repeating: "fragmented and compressed ", count: 200)
        let compressed = referenceDeflate(Array(text.utf8))
        let third = compressed.count / 3
        let bytes =
            wireFrame(fin: false, rsv: 4, opcode: 0x1, payload: Array(compressed[..<third]))
            + wireFrame(fin: false, opcode: 0x0, payload: Array(compressed[third..<(2 * third)]))
            + wireFrame(opcode: 0x9, payload: [1])  // a control frame in between
            + wireFrame(fin: true, opcode: 0x0, payload: Array(compressed[(2 * third)...]))
        #expect(connection.receive(bytes) == [.ping([1]), .message(.text(text))])
    }

    @Test("an uncompressed message is fine when deflate is negotiated")
    func uncompressedMessage() {
        var connection = WebSocketConnection(configuration: ConnectionConfiguration(role: .client, deflate: NegotiatedDeflate()))
        #expect(connection.receive(serverText("plain")) == [.message(.text("plain"))])
    }

    @Test("messages under the threshold go out uncompressed, the rest compressed")
    func threshold() {
        var connection = WebSocketConnection(
            configuration: ConnectionConfiguration(role: .client, deflate: NegotiatedDeflate(compressionThreshold: 64)))
        connection.sendText(String(repeating: "a", count: 63))
        connection.sendText(String(repeating: "a", count: 64))
        let frames = connection.takeOutbound()
        #expect(frames.map(\.header.rsv1) == [false, true])
    }

    @Test("the wire tap gets the inflated payload beside the compressed one")
    func inflatedPayloadReported() throws {
        var connection = WebSocketConnection(
            configuration: ConnectionConfiguration(role: .client, capturesWireBytes: true, deflate: NegotiatedDeflate()))
        let text = String(repeating: "tap ", count: 50)
        let compressed = referenceDeflate(Array(text.utf8))
        let events = connection.receive(wireFrame(rsv: 4, opcode: 0x1, payload: compressed))
        guard case .frameReceived(let frame) = events.first else {
            Issue.record("no frame event: \(events)")
            return
        }
        #expect(frame.payload == compressed)
        #expect(frame.inflatedPayload == Array(text.utf8))
        #expect(events.last == .message(.text(text)))
    }

    // MARK: Violations

    @Test("RSV1 on a continuation frame is 1002")
    func rsv1OnContinuation() {
        var connection = WebSocketConnection(configuration: ConnectionConfiguration(role: .client, deflate: NegotiatedDeflate()))
        let compressed = referenceDeflate(Array("hello hello hello".utf8))
        let events = connection.receive(
            wireFrame(fin: false, rsv: 4, opcode: 0x1, payload: Array(compressed.prefix(3)))
                + wireFrame(rsv: 4, opcode: 0x0, payload: Array(compressed.dropFirst(3))))
        expectFailed(&connection, events, code: 1002)
        #expect(connection.failure?.reason.contains("RSV1 set on a CONT frame") == true, "\(String(describing: connection.failure))")
    }

    @Test("RSV1 on a control frame is 1002", arguments: [UInt8(0x8), 0x9, 0xA])
    func rsv1OnControl(_ opcode: UInt8) {
        var connection = WebSocketConnection(configuration: ConnectionConfiguration(role: .client, deflate: NegotiatedDeflate()))
        let events = connection.receive(wireFrame(rsv: 4, opcode: opcode, payload: []))
        expectFailed(&connection, events, code: 1002)
        #expect(connection.failure?.reason.contains("RSV1") == true)
    }

    @Test("RSV1 without a negotiated extension is 1002")
    func rsv1WithoutDeflate() {
        var connection = clientConnection()
        let events = connection.receive(wireFrame(rsv: 4, opcode: 0x1, payload: referenceDeflate([1, 2, 3])))
        expectFailed(&connection, events, code: 1002)
    }

    @Test("data that does not inflate is 1007, naming the cause")
    func corrupt() {
        var connection = WebSocketConnection(configuration: ConnectionConfiguration(role: .client, deflate: NegotiatedDeflate()))
        // Block type 3 is reserved in RFC 1951.
        let events = connection.receive(wireFrame(rsv: 4, opcode: 0x2, payload: [0xFF, 0xFF, 0xFF, 0xFF]))
        expectFailed(&connection, events, code: 1007)
        #expect(connection.failure?.reason.contains("cannot inflate") == true, "\(String(describing: connection.failure))")
    }

    @Test("a bomb fails with 1009 at the inflated limit, before inflating the rest")
    func bomb() throws {
        let limit: UInt64 = 1 << 20
        var connection = WebSocketConnection(
            configuration: ConnectionConfiguration(role: .client, maxPayloadSize: limit, deflate: NegotiatedDeflate()))
        // 64 MiB of zeros as 64 fragments of 1 MiB each: about 64 KiB on the wire.
        let deflater = FragmentDeflater(windowBits: 15, level: 9)
        let zeros = [UInt8](repeating: 0, count: 1 << 20)
        var events: [ConnectionEvent] = []
        var wire = 0
        for index in 0..<64 {
            zeros.withUnsafeBytes { deflater.feed($0) }
            let payload = deflater.endFragment(isFinal: index == 63)
            wire += payload.count
            let frame = wireFrame(fin: index == 63, rsv: index == 0 ? 4 : 0, opcode: index == 0 ? 0x2 : 0x0, payload: payload)
            events += connection.receive(frame)
            if connection.failure != nil { break }
        }
        #expect(wire < 64 << 10)
        expectFailed(&connection, events, code: 1009)
        let reason = connection.failure?.reason ?? ""
        #expect(reason == "inflated size passed the 1 MiB limit", "reason: \(reason)")
    }

    @Test("FragmentDeflater uses window 9 for a negotiated 8, and its fragments inflate with a 9-bit reader")
    func fragmentDeflaterWindow() throws {
        let deflater = FragmentDeflater(windowBits: 8, level: 6)
        #expect(deflater.windowBits == 9)
        let text = Array(String(repeating: "window eight ", count: 100).utf8)
        text.withUnsafeBytes { deflater.feed($0) }
        let first = deflater.endFragment(isFinal: false)
        text.withUnsafeBytes { deflater.feed($0) }
        let second = deflater.endFragment(isFinal: true)
        #expect(Array(first.suffix(4)) == [0x00, 0x00, 0xFF, 0xFF], "a non-final fragment keeps its sync-flush marker")
        let reader = ReferenceInflater(windowBits: 9)
        #expect(try reader.inflateMessage(first + second) == text + text)
    }
}
