import Testing
import WebSocketCore

/// The server role (used by the project's own test server): masked frames in, unmasked frames out.
@Suite struct WebSocketConnectionServerRoleTests {
    private func serverConnection() -> WebSocketConnection {
        WebSocketConnection(configuration: ConnectionConfiguration(role: .server))
    }

    @Test("RFC 6455 §5.7 masked \"Hello\" in one read")
    func maskedHello() {
        var connection = serverConnection()
        #expect(connection.receive(hex("81 85 37 fa 21 3d 7f 9f 4d 51 58")) == [.message(.text("Hello"))])
    }

    @Test("pongs and the Close echo go out unmasked")
    func unmaskedReplies() throws {
        var connection = serverConnection()
        _ = connection.receive(wireFrame(opcode: 0x9, key: [1, 2, 3, 4], payload: [5, 6]))
        _ = connection.receive(wireFrame(opcode: 0x8, key: [9, 9, 9, 9], payload: [0x03, 0xE8]))
        let sent = connection.sentFrames()
        #expect(sent.map(\.opcode) == [0xA, 0x8])
        #expect(sent.allSatisfy { $0.key == nil }, "a server must not mask (RFC 6455 §5.1)")
        #expect(sent.first?.payload == [5, 6])
    }

    @Test("an unmasked frame from a client fails with 1002")
    func unmaskedFromClient() {
        var connection = serverConnection()
        let events = connection.receive([0x81, 0x01, 0x61])
        #expect(failureCode(events) == 1002)
    }

    /// The connection checks UTF-8 on the partial payload of a frame still arriving (to fail fast), but
    /// FrameParser.partialPayload is the raw wire bytes, which are masked when a server reads them. A valid, masked
    /// text frame that arrives in two reads is then judged on its masked bytes.
    @Test("a masked text frame that arrives in two reads is delivered")
    func maskedTextInTwoReads() {
        do {
            var connection = serverConnection()
            // 7f 9f are "He" masked with 37 fa; 0x9f alone is a stray continuation byte.
            var events = connection.receive(hex("81 85 37 fa 21 3d 7f 9f"))
            events += connection.receive(hex("4d 51 58"))
            #expect(events == [.message(.text("Hello"))])
        }
    }

    @Test("masked text of every cut point is delivered")
    func maskedTextEveryCut() {
        do {
            let text = "Hello-µ@ßöäüàá-UTF-8!!"
            let frame = wireFrame(opcode: 0x1, key: [0x37, 0xFA, 0x21, 0x3D], payload: Array(text.utf8))
            var failures = 0
            for cut in 0...frame.count {
                var connection = serverConnection()
                let events = connection.receive(frame[..<cut]) + connection.receive(frame[cut...])
                if events != [.message(.text(text))] { failures += 1 }
            }
            #expect(failures == 0, "\(failures) of \(frame.count + 1) cuts did not deliver the message")
        }
    }

    /// The other face of the same defect: bytes validated while masked are skipped when the frame completes, so
    /// invalid text whose masked form looks valid gets through. Unmasked payload FF 41 is invalid (0xFF never
    /// occurs in UTF-8); masked with key BF 00 00 00 its first byte is 0x40 "@".
    @Test("invalid masked text that arrives in two reads still fails with 1007")
    func invalidMaskedTextInTwoReads() {
        do {
            var connection = serverConnection()
            let frame = wireFrame(opcode: 0x1, key: [0xBF, 0x00, 0x00, 0x00], payload: [0xFF, 0x41])
            #expect(frame == [0x81, 0x82, 0xBF, 0x00, 0x00, 0x00, 0x40, 0x41])
            var events = connection.receive(frame[..<7])
            events += connection.receive(frame[7...])
            #expect(failureCode(events) == 1007, "events: \(events)")
        }
    }

    @Test("a large binary message can be taken as it arrives: unmasked into the caller's buffer, then not reported")
    func divertedBinaryMessage() {
        var connection = serverConnection()
        let payload = (0..<(100 << 10)).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ $0 >> 8) }
        let frame = wireFrame(opcode: 0x2, key: [0x9A, 0x01, 0x7F, 0xE3], payload: payload)
        let firstRead = 14 + 40_001  // header and an odd share of the payload, so later pieces start mid-key
        #expect(connection.receive(frame[..<firstRead]).isEmpty)
        #expect(connection.arrivingBinaryMessageLength == payload.count)
        let arrived = connection.arrivingPayloadCount
        var taken = connection.withArrivingPayload(from: 0) { Array($0) }
        var offset = firstRead
        for pieceSize in [1, 3, 7_000, 50_000] {
            let count = min(pieceSize, connection.divertablePayloadCount)
            var piece = [UInt8](repeating: 0, count: count)
            frame[offset..<(offset + count)].withUnsafeBytes { source in
                piece.withUnsafeMutableBytes { connection.divertArrivingPayload(source, into: $0) }
            }
            taken += piece
            offset += count
        }
        #expect(arrived == 40_001)
        #expect(connection.withArrivingPayload(from: 0) { $0.count } == 0, "diverted bytes were never kept")
        #expect(connection.divertablePayloadCount == payload.count - (offset - 14))
        // The rest arrives the ordinary way, with a text message behind it.
        let events = connection.receive(frame[offset...] + wireFrame(opcode: 0x1, key: [1, 2, 3, 4], payload: Array("next".utf8)))
        #expect(events == [.message(.text("next"))], "the diverted message is not reported; the next one is")
        #expect(taken == Array(payload[..<taken.count]))
        #expect(taken.count == offset - 14)
    }

    @Test("text, fragmented and small messages are never offered for diverting")
    func onlyLargeSingleFrameBinaryIsDivertable() {
        let large = [UInt8](repeating: 0x61, count: 64 << 10)
        let cases: [(String, [UInt8])] = [
            ("text", wireFrame(opcode: 0x1, key: [1, 2, 3, 4], payload: large)),
            ("first fragment", wireFrame(fin: false, opcode: 0x2, key: [1, 2, 3, 4], payload: large)),
        ]
        for (name, frame) in cases {
            var connection = serverConnection()
            _ = connection.receive(frame[..<1000])
            #expect(connection.arrivingBinaryMessageLength == nil, "\(name)")
            #expect(connection.divertablePayloadCount == 0, "\(name)")
        }
        var small = serverConnection()
        _ = small.receive(wireFrame(opcode: 0x2, key: [1, 2, 3, 4], payload: [UInt8](repeating: 1, count: 1000))[..<500])
        #expect(small.arrivingBinaryMessageLength == 1000, "a small frame is known, but not collected directly")
        #expect(small.divertablePayloadCount == 0)
    }
}
