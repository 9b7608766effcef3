import WebSocketCore

/// A deliberately broken answer to a valid upgrade request (`/bad/<kind>`), for testing client handshake checks.
///
/// Each flaw changes one thing in an otherwise correct response, so a client that rejects it can only be
/// rejecting that thing.
enum HandshakeFlaw: String, Sendable, Hashable, CaseIterable {
    /// `HTTP/1.1 200 OK` with otherwise correct WebSocket headers.
    case status200 = "status-200"
    /// `302 Found` pointing at another ws: URL; clients must not follow it.
    case redirect
    /// No `Upgrade` header.
    case noUpgrade = "no-upgrade"
    /// `Upgrade: h2c`.
    case wrongUpgrade = "wrong-upgrade"
    /// No `Connection` header.
    case noConnection = "no-connection"
    /// `Connection: keep-alive, Upgrade` — valid; a client must accept a list containing `upgrade`.
    case connectionList = "connection-list"
    /// A `Sec-WebSocket-Accept` computed for a different key.
    case badAccept = "bad-accept"
    /// No `Sec-WebSocket-Accept` header.
    case noAccept = "no-accept"
    /// Adds `Sec-WebSocket-Extensions: x-unknown`, which no client offered.
    case unknownExtension = "extension"
    /// `Sec-WebSocket-Accept` twice, the right value then another: a field that must appear once (RFC 6455 §11.3.3).
    case duplicateAccept = "duplicate-accept"
    /// `401 Unauthorized` with a plain-text body whose first line says why, as an API gateway answers.
    case status401 = "status-401"

    /// The body of the `status-401` answer: its first line is what a client should show.
    static let unauthorizedBody = "token expired: sign in again\nrequest id 42\n"

    /// Whether the status is 101, i.e. whether the connection may continue as a WebSocket if the client goes on.
    var switchesProtocols: Bool { self != .status200 && self != .redirect && self != .status401 }

    /// The response bytes for a request with `key`, naming `chosen` as the subprotocol if set.
    func response(key: String, protocol chosen: String?) -> [UInt8] {
        let accept = AcceptKey.accept(for: key)
        var status = "HTTP/1.1 101 Switching Protocols"
        var fields: [(String, String)] = [
            ("Upgrade", "websocket"), ("Connection", "Upgrade"), ("Sec-WebSocket-Accept", accept),
        ]
        if let chosen { fields.append(("Sec-WebSocket-Protocol", chosen)) }
        switch self {
        case .status200:
            status = "HTTP/1.1 200 OK"
            fields.append(("Content-Length", "0"))
        case .redirect:
            status = "HTTP/1.1 302 Found"
            fields = [("Location", "ws://127.0.0.1/elsewhere"), ("Content-Length", "0")]
        case .noUpgrade:
            fields.removeAll { $0.0 == "Upgrade" }
        case .wrongUpgrade:
            fields[0].1 = "h2c"
        case .noConnection:
            fields.removeAll { $0.0 == "Connection" }
        case .connectionList:
            fields[1].1 = "keep-alive, Upgrade"
        case .badAccept:
            // A well-formed accept value, just for another key, so only the comparison can catch it.
            let otherKey = key == "dGhpcyBpcyBub3QgaXQhIQ==" ? "b3RoZXIga2V5IGJ5dGVzIQ==" : "dGhpcyBpcyBub3QgaXQhIQ=="
            fields[2].1 = AcceptKey.accept(for: otherKey)
        case .noAccept:
            fields.removeAll { $0.0 == "Sec-WebSocket-Accept" }
        case .unknownExtension:
            fields.append(("Sec-WebSocket-Extensions", "x-unknown"))
        case .duplicateAccept:
            let otherKey = key == "dGhpcyBpcyBub3QgaXQhIQ==" ? "b3RoZXIga2V5IGJ5dGVzIQ==" : "dGhpcyBpcyBub3QgaXQhIQ=="
            fields.append(("Sec-WebSocket-Accept", AcceptKey.accept(for: otherKey)))
        case .status401:
            status = "HTTP/1.1 401 Unauthorized"
            fields = [("Content-Type", "text/plain"), ("Content-Length", "\(Self.unauthorizedBody.utf8.count)")]
        }
        let lines = [status] + fields.map { "\($0.0): \($0.1)" }
        let body = self == .status401 ? Self.unauthorizedBody : ""
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n" + body).utf8)
    }
}
