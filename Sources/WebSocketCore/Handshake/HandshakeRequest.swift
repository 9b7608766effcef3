/// Why a handshake request could not be built from what the caller gave.
public struct HandshakeRequestError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong.
    public let message: String
    /// The message.
    public var description: String { message }
}

/// The client's opening handshake (RFC 6455 §4.1).
public struct HandshakeRequest: Sendable, Hashable {
    /// Headers the client sets itself; a caller may not pass them, so the handshake cannot be silently broken.
    public static let reservedHeaderNames: Set<String> = [
        "sec-websocket-key", "sec-websocket-version", "sec-websocket-accept", "sec-websocket-protocol",
        "sec-websocket-extensions", "upgrade", "connection",
    ]

    /// The host name or IP literal (IPv6 without brackets).
    public var host: String
    /// The TCP port.
    public var port: Int
    /// Whether the connection is `wss:`; decides the default port left out of `Host`.
    public var secure: Bool
    /// The request target: path and query, starting with `/`.
    public var target: String
    /// Subprotocols offered, in preference order.
    public var protocols: [String]
    /// Extension offers, each one element of `Sec-WebSocket-Extensions` (e.g. `permessage-deflate; client_max_window_bits`).
    public var extensionOffers: [String]
    /// Caller headers; they are written first, before the WebSocket headers.
    public var customHeaders: HTTPHeaders
    /// The `Sec-WebSocket-Key`.
    public var key: String

    /// Creates a request, checking the caller's headers.
    public init(
        host: String, port: Int, secure: Bool, target: String, protocols: [String] = [],
        extensionOffers: [String] = [], customHeaders: HTTPHeaders = HTTPHeaders(), key: String = AcceptKey.makeKey()
    ) throws(HandshakeRequestError) {
        for field in customHeaders {
            guard HTTPToken.isValid(field.name) else {
                throw HandshakeRequestError(message: "header name \"\(field.name)\" is not a valid HTTP token")
            }
            guard HTTPToken.isValidFieldValue(field.value) else {
                throw HandshakeRequestError(message: "header \(field.name) contains CR, LF or NUL")
            }
            if Self.reservedHeaderNames.contains(field.name.lowercased()) {
                throw HandshakeRequestError(
                    message: "header \(field.name) is set by the WebSocket client and cannot be overridden")
            }
        }
        self.host = host
        self.port = port
        self.secure = secure
        self.target = target
        self.protocols = protocols
        self.extensionOffers = extensionOffers
        self.customHeaders = customHeaders
        self.key = key
    }

    /// The `Host` header value: IPv6 literals in brackets, the port only when it is not the scheme's default.
    public var hostHeader: String {
        let name = HostPort.bracketed(host)
        let defaultPort = secure ? 443 : 80
        return port == defaultPort ? name : "\(name):\(port)"
    }

    /// The request head's exact bytes.
    public func serialized() -> [UInt8] {
        var lines = ["GET \(target) HTTP/1.1"]
        // Custom headers first (as undici does); a caller's Host replaces ours rather than duplicating it.
        let callerSetsHost = customHeaders.contains("host")
        if !callerSetsHost { lines.append("Host: \(hostHeader)") }
        for field in customHeaders { lines.append("\(field.name): \(field.value)") }
        lines.append("Upgrade: websocket")
        lines.append("Connection: Upgrade")
        lines.append("Sec-WebSocket-Key: \(key)")
        lines.append("Sec-WebSocket-Version: 13")
        if !protocols.isEmpty { lines.append("Sec-WebSocket-Protocol: \(protocols.joined(separator: ", "))") }
        if !extensionOffers.isEmpty {
            lines.append("Sec-WebSocket-Extensions: \(extensionOffers.joined(separator: ", "))")
        }
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
    }
}
