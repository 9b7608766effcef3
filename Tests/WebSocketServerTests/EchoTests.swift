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
