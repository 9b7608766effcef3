import ClientTestSupport
import Foundation
import Testing
import WebSocketServer
import WebSockets

/// Every way a connection can fail ends in error then close, with the RFC's code and a message naming the cause.
@Suite("Failures")
struct FailureTests {
    @Test(
        "A broken handshake response is refused with a message naming the header or status",
        arguments: [
            ("status-200", "expected status 101, got \"HTTP/1.1 200 OK\""),
            ("redirect", "redirect"),
            ("no-upgrade", "Upgrade header missing"),
            ("wrong-upgrade", "Upgrade mismatch (expected websocket, got h2c)"),
            ("no-connection", "Connection header missing"),
            ("bad-accept", "Sec-WebSocket-Accept mismatch (expected "),
            ("no-accept", "Sec-WebSocket-Accept header missing"),
            ("extension", "x-unknown, which was not offered"),
        ])
    func badHandshake(kind: String, expected: String) async throws {
        let server = try await TestServer.start()
        let events = try await runToClose(try WebSocket(url: server.url + "/bad/\(kind)"))
        #expect(events.names == ["error", "close"], "\(kind)")
        let message = try #require(events.errorMessage)
        #expect(message.contains(expected), "\(kind): \(message)")
        #expect(events.closeEvent?.code == 1006)
        try await server.stopWithin()
    }

    @Test("Connection: keep-alive, Upgrade is accepted: Connection is a token list")
    func connectionTokenList() async throws {
        let server = try await TestServer.start()
        let events = try await runToClose(try WebSocket(url: server.url + "/bad/connection-list")) { ws, event in
            if case .open = event { try ws.close(code: 1000) }
        }
        #expect(events.names == ["open", "close"])
        try await server.stopWithin()
    }

    @Test("A protocol the client did not offer fails the handshake")
    func unofferedProtocol() async throws {
        let server = try await TestServer.start()
        let events = try await runToClose(try WebSocket(url: server.url + "/echo?protocol=evil", protocols: ["chat"]))
        #expect(events.errorMessage?.contains("\"evil\" was not offered") == true)
        try await server.stopWithin()
    }

    @Test(
        "A frame that breaks RFC 6455 closes with the rule's code and names the rule",
        arguments: [
            ("masked-frame", UInt16(1002), "masked frame from the server"),
            ("reserved-opcode", 1002, "reserved opcode"),
            ("rsv1", 1002, "RSV1 set without a negotiated extension"),
            ("fragmented-ping", 1002, "fragmented PING"),
            ("long-ping", 1002, "longer than 125 bytes"),
            ("bad-utf8", 1007, "not valid UTF-8"),
            ("bad-close-code", 1002, "invalid code 1004"),
            ("continuation-without-start", 1002, "CONT frame without a fragmented message"),
            ("huge-length", 1009, "passed the 128 MiB limit"),
            ("nonminimal-length", 1002, "minimal"),
        ])
    func protocolViolation(kind: String, code: UInt16, expected: String) async throws {
        let server = try await TestServer.start()
        let records = Recorder<WireRecord>()
        let ws = try WebSocket(url: server.url + "/bad/\(kind)", options: WebSocketInit(tap: { records.append($0) }))
        let events = try await runToClose(ws)
        #expect(events.names == ["open", "error", "close"], "\(kind)")
        let message = try #require(events.errorMessage)
        #expect(message.contains(expected), "\(kind): \(message)")
        #expect(events.closeEvent?.code == code)
        #expect(events.closeEvent?.wasClean == false)
        // The client told the server why, with the same code, in a Close frame.
        let sentClose = records.values.compactMap { record -> [UInt8]? in
            guard record.direction == .sent, case .frame(let f) = record.content, f.header.opcode == .close else { return nil }
            return f.payload
        }.first
        let payload = try #require(sentClose)
        #expect(payload.count >= 2 && UInt16(payload[0]) << 8 | UInt16(payload[1]) == code)
        try await server.stopWithin()
    }

    @Test("A message above maxPayloadSize closes with 1009")
    func messageTooBig() async throws {
        let server = try await TestServer.start()
        let agent = Agent(limits: ConnectionLimits(maxPayloadSize: 1000))
        // Uncompressed, so the frame's own length is what crosses the limit (the inflated case is DeflateBombTests).
        let ws = try WebSocket(url: server.url + "/flood?count=1&size=2000&deflate=0", options: WebSocketInit(dispatcher: agent))
        let events = try await runToClose(ws)
        #expect(events.closeEvent?.code == 1009)
        #expect(events.errorMessage?.contains("2000") == true)
        try await server.stopWithin()
    }

    @Test("More fragments than maxFragments close with 1008")
    func tooManyFragments() async throws {
        let server = try await TestServer.start()
        // A text message in 5 one-byte fragments: TEXT "a", 3 × CONT "a", final CONT "a" (FIN).
        let hex = "010161" + String(repeating: "000161", count: 3) + "800161"
        let agent = Agent(limits: ConnectionLimits(maxFragments: 4))
        let ws = try WebSocket(url: server.url + "/raw?hex=\(hex)", options: WebSocketInit(dispatcher: agent))
        let events = try await runToClose(ws)
        #expect(events.closeEvent?.code == 1008)
        #expect(events.errorMessage?.contains("more than 4 fragments") == true)
        try await server.stopWithin()
    }

    @Test("No answer to the upgrade request: handshake timeout")
    func handshakeTimeout() async throws {
        let server = try await TestServer.start()
        let agent = Agent(limits: ConnectionLimits(handshakeTimeout: .milliseconds(300)))
        let events = try await runToClose(try WebSocket(url: server.url + "/bad/silent", options: WebSocketInit(dispatcher: agent)))
        #expect(events.names == ["error", "close"])
        #expect(
            events.errorMessage
                == "handshake timeout: no WebSocket handshake with 127.0.0.1:\(server.port) within 0.3 s (the upgrade request was sent and no complete response came)"
        )
        #expect(events.closeEvent?.code == 1006)
        try await server.stopWithin()
    }

    @Test("A server that never answers our Close: close timeout, then 1006")
    func closeTimeout() async throws {
        let server = try await TestServer.start()
        let agent = Agent(limits: ConnectionLimits(closeTimeout: .milliseconds(300)))
        let ws = try WebSocket(url: server.url + "/bad/no-close-reply", options: WebSocketInit(dispatcher: agent))
        let events = try await runToClose(ws) { ws, event in
            if case .open = event { try ws.close(code: 1000) }
        }
        #expect(events.names == ["open", "error", "close"])
        #expect(events.errorMessage?.hasPrefix("close timeout:") == true)
        #expect(events.closeEvent?.code == 1006)
        #expect(events.closeEvent?.wasClean == false)
        try await server.stopWithin()
    }

    @Test("A closed port: connection refused, naming host and port")
    func refused() async throws {
        // Bind and release a port so nothing listens on it.
        let server = try await TestServer.start()
        let port = server.port
        try await server.stopWithin()
        let events = try await runToClose(try WebSocket(url: "ws://127.0.0.1:\(port)/"))
        #expect(events.names == ["error", "close"])
        #expect(events.errorMessage == "connection refused (127.0.0.1:\(port))")
    }

    @Test("ping() before open is InvalidStateError")
    func pingBeforeOpen() async throws {
        let server = try await TestServer.start()
        let ws = try WebSocket(url: server.url + "/bad/silent")
        await #expect(throws: WebSocketAPIError.self) { _ = try await ws.ping() }
        ws.terminate()
        try await server.stopWithin()
    }
}
