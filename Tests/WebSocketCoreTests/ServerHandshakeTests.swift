import Testing
import WebSocketCore

/// The server side of the opening handshake (RFC 6455 §4.2), used by the project's test server.
@Suite struct ServerHandshakeTests {
    /// RFC 6455 §1.2's sample client request.
    static let rfcRequest =
        "GET /chat HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: http://example.com\r\n"
        + "Sec-WebSocket-Protocol: chat, superchat\r\nSec-WebSocket-Version: 13\r\n\r\n"

    private func head(_ text: String) throws -> HTTPHead {
        var parser = HTTPHeadParser()
        return try #require(try parser.append(Array(text.utf8)))
    }

    @Test("the RFC 6455 §1.2 request is accepted and answered with the RFC's accept value")
    func rfcExample() throws {
        let request = try ServerHandshake.parse(head(Self.rfcRequest)).get()
        #expect(request.target == "/chat")
        #expect(request.key == "dGhlIHNhbXBsZSBub25jZQ==")
        #expect(request.protocols == ["chat", "superchat"])
        #expect(request.headers["origin"] == "http://example.com")
        let response = String(decoding: ServerHandshake.response(key: request.key, protocol: "chat"), as: UTF8.self)
        #expect(response.hasPrefix("HTTP/1.1 101 "))
        #expect(response.hasSuffix("\r\n\r\n"))
        #expect(response.contains("\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"))
        #expect(response.contains("\r\nSec-WebSocket-Protocol: chat\r\n"))
    }

    @Test("the server's response passes the client's validator, and the client's request the server's parser")
    func roundTrip() throws {
        let request = try HandshakeRequest(
            host: "127.0.0.1", port: 9001, secure: false, target: "/echo?x=1", protocols: ["a", "b"],
            extensionOffers: ["permessage-deflate; client_max_window_bits"])
        var parser = HTTPHeadParser()
        let parsed = try ServerHandshake.parse(try #require(try parser.append(request.serialized()))).get()
        #expect(parsed.target == "/echo?x=1")
        #expect(parsed.key == request.key)
        #expect(parsed.extensions.map(\.name) == ["permessage-deflate"])
        var responseParser = HTTPHeadParser()
        let response = try #require(
            try responseParser.append(
                ServerHandshake.response(key: parsed.key, protocol: "b", extensions: "permessage-deflate")))
        let negotiated = try HandshakeValidator.validate(
            response, key: request.key, offeredProtocols: ["a", "b"], offeredExtensions: ["permessage-deflate"])
        #expect(negotiated.protocol == "b")
        #expect(negotiated.extensions == "permessage-deflate")
    }

    @Test(
        "requests that are not a version-13 WebSocket upgrade are refused",
        arguments: [
            ("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8"),
            ("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Key: c2hvcnQ="),  // 5 bytes, not 16
            ("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n", ""),
            ("Upgrade: websocket\r\n", ""),
            ("Connection: Upgrade", "Connection: keep-alive"),
            ("GET /chat HTTP/1.1", "POST /chat HTTP/1.1"),
            ("GET /chat HTTP/1.1", "GET /chat HTTP/1.0"),
        ])
    func refused(original: String, replacement: String) throws {
        let text = Self.rfcRequest.replacingFirst(original, with: replacement)
        #expect(text != Self.rfcRequest, "the test's substitution did not apply")
        if case .success(let request) = ServerHandshake.parse(try head(text)) {
            Issue.record("accepted: \(request)")
        }
    }
}

extension String {
    /// The string with the first occurrence of `target` replaced (kept here so the tests need no Foundation).
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = self.firstRange(of: target) else { return self }
        var copy = self
        copy.replaceSubrange(range, with: replacement)
        return copy
    }
}
