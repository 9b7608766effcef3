import ClientTestSupport
import Testing
import WebSocketCore

/// Client role: messages in one frame and in fragments, control frames between fragments, pings and pongs.
@Suite struct WebSocketConnectionMessageTests {
    @Test("a single-frame text message")
    func singleText() {
        var connection = clientConnection()
        #expect(connection.receive([0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F]) == [.message(.text("Hello"))])
        #expect(!connection.hasOutbound)
        #expect(connection.state == .open)
    }

    @Test("a single-frame binary message, and an empty one")
    func singleBinary() {
        var connection = clientConnection()
        #expect(connection.receive(serverFrame(0x2, [0, 1, 0xFF])) == [.message(.binary([0, 1, 0xFF]))])
        #expect(connection.receive(serverFrame(0x2, [])) == [.message(.binary([]))])
        #expect(connection.receive(serverFrame(0x1, [])) == [.message(.text(""))])
    }

    @Test("RFC 6455 §5.7 fragmented text \"Hel\" + \"lo\"")
    func fragmentedText() {
        var connection = clientConnection()
        #expect(connection.receive(hex("01 03 48 65 6c")).isEmpty)
        #expect(connection.receive(hex("80 02 6c 6f")) == [.message(.text("Hello"))])
    }

    @Test("a fragmented binary message of many frames, including empty ones")
    func fragmentedBinary() {
        var connection = clientConnection()
        var bytes = serverFrame(0x2, [1, 2], fin: false)
        bytes += serverFrame(0x0, [], fin: false)
        bytes += serverFrame(0x0, [UInt8](repeating: 3, count: 300), fin: false)
        bytes += serverFrame(0x0, [4], fin: true)
        #expect(connection.receive(bytes) == [.message(.binary([1, 2] + [UInt8](repeating: 3, count: 300) + [4]))])
    }

    @Test("a fragmented message with a character split across frames (Autobahn 6.2.2–6.2.4)")
    func characterAcrossFrames() {
        var connection = clientConnection()
        // € = E2 82 AC, cut after its first byte.
        #expect(connection.receive(serverFrame(0x1, [0x61, 0xE2], fin: false)).isEmpty)
        #expect(connection.receive(serverFrame(0x0, [0x82, 0xAC], fin: true)) == [.message(.text("a€"))])
        // κόσμε in one-byte fragments (6.2.4), fed as one stream and then byte by byte.
        let kosme = AutobahnUTF8Vectors.kosme
        let stream = kosme.enumerated().flatMap { index, byte in
            serverFrame(index == 0 ? 0x1 : 0x0, [byte], fin: index == kosme.count - 1)
        }
        #expect(connection.receive(stream) == [.message(.text("κόσμε"))])
        var events: [ConnectionEvent] = []
        for byte in stream { events += connection.receive([byte]) }
        #expect(events == [.message(.text("κόσμε"))])
    }

    @Test("control frames between fragments are handled at once and do not disturb the message")
    func interleavedControl() throws {
        var connection = clientConnection()
        var events = connection.receive(serverText("Hel", fin: false))
        events += connection.receive(serverFrame(0x9, Array("ping".utf8)))
        events += connection.receive(serverFrame(0xA, Array("pong".utf8)))
        events += connection.receive(serverFrame(0x0, Array("lo".utf8), fin: true))
        #expect(events == [.ping(Array("ping".utf8)), .pong(Array("pong".utf8)), .message(.text("Hello"))])
        let sent = connection.sentFrames()
        #expect(sent.count == 1)
        #expect(sent.first?.opcode == 0xA)
        #expect(sent.first?.payload == Array("ping".utf8))
    }

    @Test("a ping is answered by a masked pong with the same payload", arguments: [0, 1, 5, 125])
    func pongEchoesPing(length: Int) throws {
        var rng = SplitMix64(seed: UInt64(length))
        let payload = rng.bytes(length)
        var connection = clientConnection()
        #expect(connection.receive(serverFrame(0x9, payload)) == [.ping(payload)])
        let sent = connection.sentFrames()
        let pong = try #require(sent.first)
        #expect(sent.count == 1)
        #expect(pong.opcode == 0xA)
        #expect(pong.fin)
        #expect(pong.rsv == 0)
        #expect(pong.key != nil, "client frames must be masked (RFC 6455 §5.3)")
        #expect(pong.payload == payload, "RFC 6455 §5.5.3: the pong carries the ping's application data")
    }

    @Test("a pong is reported and not answered")
    func pongReported() {
        var connection = clientConnection()
        #expect(connection.receive(serverFrame(0xA, [7, 7])) == [.pong([7, 7])])
        #expect(!connection.hasOutbound)
    }

    @Test("several frames in one read and one frame over many reads give the same events")
    func readBoundaries() {
        var stream = serverText("one")
        stream += serverFrame(0x9, [1])
        stream += serverText("tw", fin: false) + serverFrame(0x0, Array("o".utf8))
        stream += serverFrame(0x2, [UInt8](repeating: 9, count: 70_000))
        let expected: [ConnectionEvent] = [
            .message(.text("one")), .ping([1]), .message(.text("two")),
            .message(.binary([UInt8](repeating: 9, count: 70_000))),
        ]
        var whole = clientConnection()
        #expect(whole.receive(stream) == expected)
        var rng = SplitMix64(seed: 99)
        var pieces = clientConnection()
        var events: [ConnectionEvent] = []
        var start = 0
        while start < stream.count {
            let end = min(stream.count, start + Int.random(in: 1...700, using: &rng))
            events += pieces.receive(stream[start..<end])
            start = end
        }
        #expect(events == expected)
    }

    @Test("with wire capture on, each frame is reported with its exact bytes before its message")
    func wireCapture() throws {
        var connection = clientConnection(capturesWireBytes: true)
        let first = serverText("Hel", fin: false)
        let second = serverFrame(0x0, Array("lo".utf8))
        let events = connection.receive(first + second)
        #expect(events.count == 3)
        guard events.count == 3 else { return }
        guard case .frameReceived(let a) = events[0], case .frameReceived(let b) = events[1] else {
            Issue.record("expected two frameReceived events first, got \(events)")
            return
        }
        #expect(a.wireBytes == first)
        #expect(b.wireBytes == second)
        #expect(events[2] == .message(.text("Hello")))
    }

    @Test("sent messages are masked data frames with the given payload")
    func sending() throws {
        var connection = clientConnection()
        #expect(connection.sendText("héllo") == true)
        #expect(connection.sendBinary([1, 2, 3]) == true)
        #expect(connection.sendPing([9]) == true)
        #expect(connection.send(.text, payload: Array("par".utf8), fin: false) == true)
        #expect(connection.send(.continuation, payload: Array("t".utf8), fin: true) == true)
        let sent = connection.sentFrames()
        #expect(sent.map(\.opcode) == [0x1, 0x2, 0x9, 0x1, 0x0])
        #expect(sent.map(\.fin) == [true, true, true, false, true])
        #expect(sent.allSatisfy { $0.key != nil })
        #expect(sent.map(\.payload) == [Array("héllo".utf8), [1, 2, 3], [9], Array("par".utf8), Array("t".utf8)])
        // Fresh keys per frame (RFC 6455 §5.3): five frames, five different keys, barring a 1-in-10⁸ accident.
        #expect(Set(sent.compactMap(\.key)).count == 5)
    }
}
