/// The server side of the opening handshake, for the project's own test server.
public enum ServerHandshake {
    /// What a valid client request asked for.
    public struct Request: Sendable, Hashable {
        /// The request target (path and query).
        public var target: String
        /// The client's key.
        public var key: String
        /// Subprotocols offered, in order.
        public var protocols: [String]
        /// Extension names offered.
        public var extensions: [ExtensionElement]
        /// Every header the client sent.
        public var headers: HTTPHeaders
    }

    /// Checks a client's request head (RFC 6455 §4.2.1); returns why it is not a WebSocket upgrade otherwise.
    public static func parse(_ head: HTTPHead) -> Result<Request, HTTPHeadError> {
        let parts = head.startLine.split(separator: " ")
        guard parts.count == 3, parts[0] == "GET", parts[2] == "HTTP/1.1" else {
            return .failure(HTTPHeadError(message: "not a GET HTTP/1.1 request: \(head.startLine)"))
        }
        guard head.headers["upgrade"]?.lowercased() == "websocket" else {
            return .failure(HTTPHeadError(message: "Upgrade: websocket missing"))
        }
        guard head.headers.listElements(for: "connection").contains(where: { $0.lowercased() == "upgrade" }) else {
            return .failure(HTTPHeadError(message: "Connection: Upgrade missing"))
        }
        guard let key = head.headers["sec-websocket-key"], Base64.decode(key)?.count == 16 else {
            return .failure(HTTPHeadError(message: "Sec-WebSocket-Key missing or not 16 bytes of base64"))
        }
        guard head.headers["sec-websocket-version"] == "13" else {
            return .failure(HTTPHeadError(message: "Sec-WebSocket-Version is not 13"))
        }
        let extensions =
            (try? ExtensionElement.parseList(head.headers.values(for: "sec-websocket-extensions").joined(separator: ", "))) ?? []
        return .success(
            Request(
                target: String(parts[1]), key: key, protocols: head.headers.listElements(for: "sec-websocket-protocol"),
                extensions: head.headers.contains("sec-websocket-extensions") ? extensions : [], headers: head.headers))
    }

    /// The 101 response for `key`, with optional protocol and extension headers and any extra headers.
    public static func response(
        key: String, protocol chosen: String? = nil, extensions: String? = nil, extraHeaders: HTTPHeaders = HTTPHeaders()
    ) -> [UInt8] {
        var lines = [
            "HTTP/1.1 101 Switching Protocols", "Upgrade: websocket", "Connection: Upgrade",
            "Sec-WebSocket-Accept: \(AcceptKey.accept(for: key))",
        ]
        if let chosen { lines.append("Sec-WebSocket-Protocol: \(chosen)") }
        if let extensions { lines.append("Sec-WebSocket-Extensions: \(extensions)") }
        for field in extraHeaders { lines.append("\(field.name): \(field.value)") }
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
    }
}
