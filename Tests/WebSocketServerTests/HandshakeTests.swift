import Testing
import WebSocketCore

@Suite("handshake")
struct HandshakeTests {
    @Test func headersRouteSendsTheRequestHeadAsReceived() async throws {
        try await withServer { server in
            let headers = HTTPHeaders([("X-Custom", "one"), ("Cookie", "a=b")])
            let client = try TestClient(port: server.port, target: "/headers", headers: headers)
            let message = try client.nextMessage()
            guard case .text(let head) = message else {
                Issue.record("expected text, got \(message)")
                return
            }
            #expect(head.hasPrefix("GET /headers HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nX-Custom: one\r\nCookie: a=b\r\n"))
            #expect(head.hasSuffix("\r\nSec-WebSocket-Version: 13\r\n\r\n"))
            try client.send(text: "still echoing")
            #expect(try client.nextMessage() == .text("still echoing"))
        }
    }

    @Test func choosesTheFirstOfferedProtocol() async throws {
        try await withServer { server in
            let client = try TestClient(port: server.port, protocols: ["chat", "superchat"])
            #expect(client.handshake.protocol == "chat")
            let none = try TestClient(port: server.port)
            #expect(none.handshake.protocol == "")
        }
    }

    @Test func protocolQueryOverridesTheChoice() async throws {
        try await withServer { server in
            let second = try TestClient(port: server.port, target: "/?protocol=superchat", protocols: ["chat", "superchat"])
            #expect(second.handshake.protocol == "superchat")

            let unoffered = try RawHandshake(port: server.port, target: "/echo?protocol=other%20one", protocols: ["chat"])
            #expect(unoffered.response.headers["sec-websocket-protocol"] == "other one")
            #expect(throws: HandshakeError.protocolNotOffered(got: "other one", offered: ["chat"])) { try unoffered.validate() }

            let omitted = try RawHandshake(port: server.port, target: "/?protocol=", protocols: ["chat"])
            #expect(!omitted.response.headers.contains("sec-websocket-protocol"))
            #expect(throws: HandshakeError.protocolNotOffered(got: "", offered: ["chat"])) { try omitted.validate() }
        }
    }

    @Test func status200IsRejectedByTheValidator() async throws {
        try await withServer { server in
            let raw = try RawHandshake(port: server.port, target: "/bad/status-200")
            #expect(throws: HandshakeError.unexpectedStatus(statusLine: "HTTP/1.1 200 OK")) { try raw.validate() }
        }
    }

    @Test func badAcceptIsRejectedByTheValidator() async throws {
        try await withServer { server in
            let raw = try RawHandshake(port: server.port, target: "/bad/bad-accept")
            #expect {
                try raw.validate()
            } throws: { error in
                guard case HandshakeError.wrongHeader(let name, let expected, let got) = error else { return false }
                return name == "Sec-WebSocket-Accept" && expected == AcceptKey.accept(for: raw.request.key) && got != expected
            }
        }
    }

    @Test func otherHandshakeFlaws() async throws {
        try await withServer { server in
            let redirect = try RawHandshake(port: server.port, target: "/bad/redirect")
            #expect(throws: HandshakeError.redirect(statusLine: "HTTP/1.1 302 Found", location: "ws://127.0.0.1/elsewhere")) {
                try redirect.validate()
            }
            let wrongUpgrade = try RawHandshake(port: server.port, target: "/bad/wrong-upgrade")
            #expect(throws: HandshakeError.wrongHeader(name: "Upgrade", expected: "websocket", got: "h2c")) {
                try wrongUpgrade.validate()
            }
            let noAccept = try RawHandshake(port: server.port, target: "/bad/no-accept")
            #expect(throws: HandshakeError.self) { try noAccept.validate() }
            let unknownExtension = try RawHandshake(port: server.port, target: "/bad/extension")
            #expect(throws: HandshakeError.extensionRejected("server accepted extension x-unknown, which was not offered")) {
                try unknownExtension.validate()
            }
            // A Connection list containing Upgrade is valid, and the connection then echoes.
            let list = try TestClient(port: server.port, target: "/bad/connection-list")
            try list.send(text: "ok")
            #expect(try list.nextMessage() == .text("ok"))
        }
    }

    @Test func silentNeverAnswers() async throws {
        try await withServer { server in
            let socket = try BlockingSocket(port: server.port, timeout: 0.3)
            let request = try HandshakeRequest(host: "127.0.0.1", port: server.port, secure: false, target: "/bad/silent")
            try socket.write(request.serialized())
            #expect(throws: SocketError.self) { try socket.read() }
        }
    }

    @Test func plainGetGets400() async throws {
        try await withServer { server in
            let socket = try BlockingSocket(port: server.port)
            try socket.write(Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8))
            let response = String(decoding: try socket.readToEnd(), as: UTF8.self)
            #expect(response.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
            #expect(response.contains("Upgrade: websocket missing"))
        }
    }

    @Test func unknownPathGets404AndBadParameterGets400() async throws {
        try await withServer { server in
            let unknown = try RawHandshake(port: server.port, target: "/nowhere")
            #expect(unknown.response.startLine == "HTTP/1.1 404 Not Found")
            let bad = try RawHandshake(port: server.port, target: "/flood?count=many")
            #expect(bad.response.startLine == "HTTP/1.1 400 Bad Request")
        }
    }
}
