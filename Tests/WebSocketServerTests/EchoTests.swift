import Testing
import WebSocketCore

@Suite("echo")
struct EchoTests {
    @Test func echoesTextAndBinaryWithTheirOpcodes() async throws {
        try await withServer { server in
            let client = try TestClient(port: server.port)
            try client.send(text: "hello, wörld")
            #expect(try client.nextMessage() == .text("hello, wörld"))
            try client.send(binary: [0, 1, 2, 0xFF])
            #expect(try client.nextMessage() == .binary([0, 1, 2, 0xFF]))
            try client.send(text: "")
            #expect(try client.nextMessage() == .text(""))
        }
    }

    @Test func echoesOneMebibyteMessages() async throws {
        try await withServer { server in
            let client = try TestClient(port: server.port, target: "/echo")
            let binary = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            try client.send(binary: binary)
            #expect(try client.nextMessage() == .binary(binary))
            let text = String(repeating: "0123456789abcdef", count: (1 << 20) / 16)
            try client.send(text: text)
            #expect(try client.nextMessage() == .text(text))
        }
    }

    @Test("a large binary message is echoed while it arrives, and the echo is the message")
    func echoesALargeBinaryMessageWhileItArrives() async throws {
        try await withServer { server in
            let client = try TestClient(port: server.port, target: "/echo")
            let payload = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) }
            let wire = Self.maskedFrames([(FrameHeader(opcode: .binary, payloadLength: UInt64(payload.count)), payload)])
            // Half the frame: the echo's header and its first bytes must come back before the rest is sent.
            try client.writeRaw(Array(wire[..<(wire.count / 2)]))
            #expect(try client.readArrivingPayload(atLeast: 64 << 10) == payload.count)
            try client.writeRaw(Array(wire[(wire.count / 2)...]))
            #expect(try client.nextMessage() == .binary(payload))
            // The connection goes on as before: a small message, then a second large one sent whole.
            try client.send(binary: [9])
            #expect(try client.nextMessage() == .binary([9]))
            try client.send(binary: Array(payload.reversed()))
            #expect(try client.nextMessage() == .binary(payload.reversed()))
        }
    }

    @Test("a client that sends a whole large message before reading gets its echo (no deadlock on a streamed echo)")
    func echoesALargeMessageToAClientThatReadsOnlyAfterSending() async throws {
        try await withServer { server in
            let client = try TestClient(port: server.port, target: "/echo?deflate=0")
            // 32 MiB is far more than the socket buffers and the server's write high-water mark hold together.
            let payload = (0..<(32 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 5) }
            try client.send(binary: payload)
            #expect(try client.nextMessage() == .binary(payload))
        }
    }

    @Test("fragmented binary and text messages are echoed only once they are complete")
    func echoesFragmentedAndTextMessagesWhole() async throws {
        try await withServer { server in
            let client = try TestClient(port: server.port, target: "/echo")
            let part = [UInt8](repeating: 0x41, count: 256 << 10)
            let first = Self.maskedFrames([(FrameHeader(fin: false, opcode: .binary, payloadLength: UInt64(part.count)), part)])
            let last = Self.maskedFrames([(FrameHeader(opcode: .continuation, payloadLength: UInt64(part.count)), part)])
            try client.writeRaw(first + Array(last[..<(last.count / 2)]))
            try client.socket.setTimeout(0.5)
            #expect(throws: SocketError.self) { try client.readArrivingPayload(atLeast: 1) }
            try client.socket.setTimeout(5)
            try client.writeRaw(Array(last[(last.count / 2)...]))
            #expect(try client.nextMessage() == .binary(part + part))

            let text = Self.maskedFrames([(FrameHeader(opcode: .text, payloadLength: UInt64(part.count)), part)])
            try client.writeRaw(Array(text[..<(text.count / 2)]))
            try client.socket.setTimeout(0.5)
            #expect(throws: SocketError.self) { try client.readArrivingPayload(atLeast: 1) }
            try client.socket.setTimeout(5)
            try client.writeRaw(Array(text[(text.count / 2)...]))
            #expect(try client.nextMessage() == .text(String(decoding: part, as: UTF8.self)))
        }
    }

    /// The wire bytes of frames as a client sends them, each masked with its own key.
    private static func maskedFrames(_ frames: [(FrameHeader, [UInt8])]) -> [UInt8] {
        frames.enumerated().flatMap { index, frame in
            var header = frame.0
            header.maskingKey = MaskingKey(UInt8(index), 0x5A, 0xC3, 0x11)
            return FrameEncoder.encode(header, payload: frame.1)
        }
    }

    @Test func answersPings() async throws {
        try await withServer { server in
            let client = try TestClient(port: server.port)
            try client.ping([1, 2, 3])
            #expect(try client.nextEvent() == .pong([1, 2, 3]))
        }
    }

    @Test func echoesCloseThenClosesTCPFirst() async throws {
        try await withServer { server in
            let client = try TestClient(port: server.port)
            try client.close(code: 4000, reason: "bye")
            let close = try client.nextClose()
            #expect(close.code == 4000)
            try client.waitForEndOfStream()
        }
    }

    @Test func echoesMessagesThatArriveTogetherWithTheClose() async throws {
        try await withServer { server in
            let client = try TestClient(port: server.port)
            // Three frames in one write, so the server reads the Close in the same batch as the messages.
            var sender = WebSocketConnection(configuration: .init(role: .client))
            sender.sendText("one")
            sender.sendBinary([2])
            sender.close(code: CloseCode.normalClosure)
            try client.writeRaw(sender.takeOutbound().flatMap { $0.encoded() })
            #expect(try client.nextMessage() == .text("one"))
            #expect(try client.nextMessage() == .binary([2]))
            #expect(try client.nextClose().code == CloseCode.normalClosure)
            try client.waitForEndOfStream()
        }
    }

    @Test func failsAClientThatBreaksTheProtocol() async throws {
        try await withServer { server in
            let client = try TestClient(port: server.port)
            // An unmasked text frame: clients must mask.
            try client.writeRaw([0x81, 0x02, 0x68, 0x69])
            #expect(try client.nextClose().code == CloseCode.protocolError)
            try client.waitForEndOfStream()
        }
    }

    @Test func refusesAMessageOverTheSizeLimitFromItsHeader() async throws {
        try await withServer { server in
            let client = try TestClient(port: server.port)
            // A masked binary header declaring 65 MiB, and no payload: the limit is checked before the payload.
            let header = FrameHeader(opcode: .binary, maskingKey: MaskingKey(1, 2, 3, 4), payloadLength: 65 << 20)
            try client.writeRaw(header.encoded)
            #expect(try client.nextClose().code == CloseCode.messageTooBig)
            try client.waitForEndOfStream()
        }
    }
}
