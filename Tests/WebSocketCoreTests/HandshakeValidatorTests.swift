import Testing
import WebSocketCore

/// The client's checks of the server's response (RFC 6455 §4.1, "the client MUST validate the server's
/// response"), as an accept/reject table, plus the wording of each error.
@Suite struct HandshakeValidatorTests {
    /// The RFC 6455 §1.3 sample key and the accept value the RFC gives for it.
    static let key = "dGhlIHNhbXBsZSBub25jZQ=="
    static let accept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="

    /// What a row of the table expects.
    enum Outcome: Sendable, CustomStringConvertible {
        case ok(protocol: String, extensions: String)
        case malformed
        case unexpectedStatus
        case redirect(location: String?)
        case missing(header: String)
        case wrong(header: String, got: String)
        case protocolNotOffered(got: String)
        case unexpectedProtocol(got: String)
        case extensionRejected

        var description: String {
            switch self {
            case .ok(let p, let e): return "ok(\(p), \(e))"
            case .malformed: return "malformed"
            case .unexpectedStatus: return "unexpectedStatus"
            case .redirect(let l): return "redirect(\(l ?? "nil"))"
            case .missing(let h): return "missing(\(h))"
            case .wrong(let h, let g): return "wrong(\(h), \(g))"
            case .protocolNotOffered(let g): return "protocolNotOffered(\(g))"
            case .unexpectedProtocol(let g): return "unexpectedProtocol(\(g))"
            case .extensionRejected: return "extensionRejected"
            }
        }
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var statusLine = "HTTP/1.1 101 Switching Protocols"
        var headers: [(String, String)]
        var protocols: [String] = []
        var extensions: Set<String> = []
        var outcome: Outcome
        var testDescription: String { name }
    }

    /// The headers of a good 101 response, with `changes` applied: a nil value removes the header.
    static func headers(_ changes: [(String, String?)] = [], adding extra: [(String, String)] = []) -> [(String, String)] {
        var base: [(String, String)] = [("Upgrade", "websocket"), ("Connection", "Upgrade"), ("Sec-WebSocket-Accept", accept)]
        for (name, value) in changes {
            base.removeAll { $0.0 == name }
            if let value { base.append((name, value)) }
        }
        return base + extra
    }

    static let rows: [Row] = [
        Row(name: "101 with the required headers", headers: headers(), outcome: .ok(protocol: "", extensions: "")),
        Row(
            name: "HTTP/1.1 101 without a reason phrase", statusLine: "HTTP/1.1 101", headers: headers(),
            outcome: .ok(protocol: "", extensions: "")),
        Row(
            name: "header names in other cases",
            headers: [
                ("UPGRADE", "websocket"), ("connection", "Upgrade"), ("sec-websocket-accept", accept),
            ], outcome: .ok(protocol: "", extensions: "")),
        // Status.
        Row(name: "200", statusLine: "HTTP/1.1 200 OK", headers: headers(), outcome: .unexpectedStatus),
        Row(name: "404", statusLine: "HTTP/1.1 404 Not Found", headers: [], outcome: .unexpectedStatus),
        Row(name: "101 in a non-HTTP line", statusLine: "ICY 101 OK", headers: headers(), outcome: .malformed),
        Row(name: "status not three digits", statusLine: "HTTP/1.1 1010 Upgrade", headers: headers(), outcome: .malformed),
        Row(
            name: "301 with Location", statusLine: "HTTP/1.1 301 Moved Permanently",
            headers: [("Location", "wss://other.example/chat")], outcome: .redirect(location: "wss://other.example/chat")),
        Row(
            name: "302 with Location", statusLine: "HTTP/1.1 302 Found",
            headers: [("location", "/elsewhere")], outcome: .redirect(location: "/elsewhere")),
        Row(
            name: "307 with Location", statusLine: "HTTP/1.1 307 Temporary Redirect",
            headers: [("Location", "ws://a.example/")], outcome: .redirect(location: "ws://a.example/")),
        Row(
            name: "308 without Location", statusLine: "HTTP/1.1 308 Permanent Redirect", headers: [],
            outcome: .redirect(location: nil)),
        // Upgrade: must be present and equal "websocket" case-insensitively.
        Row(name: "Upgrade missing", headers: headers([("Upgrade", nil)]), outcome: .missing(header: "Upgrade")),
        Row(name: "Upgrade: h2c", headers: headers([("Upgrade", "h2c")]), outcome: .wrong(header: "Upgrade", got: "h2c")),
        Row(
            name: "Upgrade: WebSocket", headers: headers([("Upgrade", "WebSocket")]),
            outcome: .ok(protocol: "", extensions: "")),
        // Connection: a token list that must contain "upgrade", compared case-insensitively.
        Row(
            name: "Connection: keep-alive, Upgrade", headers: headers([("Connection", "keep-alive, Upgrade")]),
            outcome: .ok(protocol: "", extensions: "")),
        Row(
            name: "Connection: UPGRADE", headers: headers([("Connection", "UPGRADE")]),
            outcome: .ok(protocol: "", extensions: "")),
        Row(
            name: "Connection split over two fields",
            headers: headers(
                [("Connection", "keep-alive")],
                adding: [("Connection", "upgrade")]), outcome: .ok(protocol: "", extensions: "")),
        Row(
            name: "Connection: upgraded", headers: headers([("Connection", "upgraded")]),
            outcome: .wrong(header: "Connection", got: "upgraded")),
        Row(
            name: "Connection: keep-alive", headers: headers([("Connection", "keep-alive")]),
            outcome: .wrong(header: "Connection", got: "keep-alive")),
        Row(name: "Connection missing", headers: headers([("Connection", nil)]), outcome: .missing(header: "Connection")),
        // Sec-WebSocket-Accept.
        Row(
            name: "Accept missing", headers: headers([("Sec-WebSocket-Accept", nil)]),
            outcome: .missing(header: "Sec-WebSocket-Accept")),
        Row(
            name: "Accept of another key", headers: headers([("Sec-WebSocket-Accept", "C/0nmHhBztSRGR1CwL6Tf4ZjwpY=")]),
            outcome: .wrong(header: "Sec-WebSocket-Accept", got: "C/0nmHhBztSRGR1CwL6Tf4ZjwpY=")),
        Row(
            name: "Accept echoing the key", headers: headers([("Sec-WebSocket-Accept", key)]),
            outcome: .wrong(header: "Sec-WebSocket-Accept", got: key)),
        Row(
            name: "Accept in lower case", headers: headers([("Sec-WebSocket-Accept", accept.lowercased())]),
            outcome: .wrong(header: "Sec-WebSocket-Accept", got: accept.lowercased())),
        // Subprotocols (RFC 6455 §4.1 step 6; the WHATWG API also fails when one was offered and none chosen).
        Row(
            name: "protocol chosen from the offer", headers: headers(adding: [("Sec-WebSocket-Protocol", "superchat")]),
            protocols: ["chat", "superchat"], outcome: .ok(protocol: "superchat", extensions: "")),
        Row(
            name: "protocol not offered", headers: headers(adding: [("Sec-WebSocket-Protocol", "mqtt")]),
            protocols: ["chat", "superchat"], outcome: .protocolNotOffered(got: "mqtt")),
        Row(
            name: "protocol differing in case", headers: headers(adding: [("Sec-WebSocket-Protocol", "Chat")]),
            protocols: ["chat"], outcome: .protocolNotOffered(got: "Chat")),
        Row(
            name: "two protocols chosen", headers: headers(adding: [("Sec-WebSocket-Protocol", "chat, superchat")]),
            protocols: ["chat", "superchat"], outcome: .protocolNotOffered(got: "chat, superchat")),
        Row(
            name: "protocol missing although offered", headers: headers(), protocols: ["chat"],
            outcome: .protocolNotOffered(got: "")),
        Row(
            name: "protocol sent although none offered", headers: headers(adding: [("Sec-WebSocket-Protocol", "chat")]),
            outcome: .unexpectedProtocol(got: "chat")),
        // Extensions (RFC 6455 §4.1 step 5, §9.1).
        Row(
            name: "offered extension accepted",
            headers: headers(adding: [("Sec-WebSocket-Extensions", "permessage-deflate; server_no_context_takeover")]),
            extensions: ["permessage-deflate"],
            outcome: .ok(protocol: "", extensions: "permessage-deflate; server_no_context_takeover")),
        Row(
            name: "extension not offered", headers: headers(adding: [("Sec-WebSocket-Extensions", "x-webkit-deflate-frame")]),
            extensions: ["permessage-deflate"], outcome: .extensionRejected),
        Row(
            name: "extension when none offered", headers: headers(adding: [("Sec-WebSocket-Extensions", "permessage-deflate")]),
            outcome: .extensionRejected),
        Row(
            name: "extension repeated in one field",
            headers: headers(adding: [("Sec-WebSocket-Extensions", "permessage-deflate, permessage-deflate")]),
            extensions: ["permessage-deflate"], outcome: .extensionRejected),
        Row(
            name: "extension repeated over two fields",
            headers: headers(adding: [
                ("Sec-WebSocket-Extensions", "permessage-deflate"),
                ("Sec-WebSocket-Extensions", "permessage-deflate"),
            ]),
            extensions: ["permessage-deflate"], outcome: .extensionRejected),
        Row(
            name: "malformed extension list", headers: headers(adding: [("Sec-WebSocket-Extensions", "permessage-deflate,,")]),
            extensions: ["permessage-deflate"], outcome: .extensionRejected),
    ]

    /// Parses a response built from `statusLine` and `headers`.
    static func head(_ statusLine: String, _ headers: [(String, String)]) throws -> HTTPHead {
        let text = ([statusLine] + headers.map { "\($0.0): \($0.1)" }).joined(separator: "\r\n") + "\r\n\r\n"
        var parser = HTTPHeadParser()
        return try #require(try parser.append(Array(text.utf8)))
    }

    @Test("accept/reject table", arguments: rows)
    func table(_ row: Row) throws {
        let head = try Self.head(row.statusLine, row.headers)
        let result: Result<NegotiatedHandshake, HandshakeError>
        do {
            result = .success(
                try HandshakeValidator.validate(
                    head, key: Self.key, offeredProtocols: row.protocols, offeredExtensions: row.extensions))
        } catch {
            result = .failure(error)
        }
        switch (row.outcome, result) {
        case (.ok(let chosen, let extensions), .success(let negotiated)):
            #expect(negotiated.protocol == chosen)
            #expect(negotiated.extensions == extensions)
            #expect(negotiated.statusLine == row.statusLine)
        case (.malformed, .failure(.malformedResponse)), (.unexpectedStatus, .failure(.unexpectedStatus)),
            (.extensionRejected, .failure(.extensionRejected)):
            break
        case (.redirect(let expected), .failure(.redirect(let line, let location))):
            #expect(location == expected)
            #expect(line == row.statusLine)
        case (.missing(let expected), .failure(.missingHeader(let name, _))):
            #expect(name == expected)
        case (.wrong(let expectedName, let expectedGot), .failure(.wrongHeader(let name, _, let got))):
            #expect(name == expectedName)
            #expect(got == expectedGot)
        case (.protocolNotOffered(let expected), .failure(.protocolNotOffered(let got, let offered))):
            #expect(got == expected)
            #expect(offered == row.protocols)
        case (.unexpectedProtocol(let expected), .failure(.unexpectedProtocol(let got))):
            #expect(got == expected)
        default:
            Issue.record("expected \(row.outcome), got \(result)")
        }
    }

    private static func error(
        _ headers: [(String, String)], status statusLine: String = "HTTP/1.1 101 Switching Protocols",
        protocols: [String] = [], extensions: Set<String> = []
    ) throws -> HandshakeError {
        let response = try head(statusLine, headers)
        do {
            let negotiated = try HandshakeValidator.validate(
                response, key: key, offeredProtocols: protocols, offeredExtensions: extensions)
            Issue.record("expected an error, got \(negotiated)")
            return .malformedResponse("test expected an error")
        } catch {
            return error
        }
    }

    @Test("errors name the header and say what was expected and what came")
    func descriptions() throws {
        let wrongAccept = try Self.error(Self.headers([("Sec-WebSocket-Accept", "bm90IHRoZSBhY2NlcHQ=")])).description
        #expect(wrongAccept.contains("Sec-WebSocket-Accept"))
        #expect(wrongAccept.contains(Self.accept), "expected value missing: \(wrongAccept)")
        #expect(wrongAccept.contains("bm90IHRoZSBhY2NlcHQ="), "received value missing: \(wrongAccept)")

        let missingAccept = try Self.error(Self.headers([("Sec-WebSocket-Accept", nil)])).description
        #expect(missingAccept.contains("Sec-WebSocket-Accept"))
        #expect(missingAccept.contains(Self.accept))

        let wrongUpgrade = try Self.error(Self.headers([("Upgrade", "h2c")])).description
        #expect(wrongUpgrade.contains("Upgrade") && wrongUpgrade.contains("websocket") && wrongUpgrade.contains("h2c"))

        let wrongConnection = try Self.error(Self.headers([("Connection", "upgraded")])).description
        #expect(wrongConnection.contains("Connection") && wrongConnection.contains("upgraded"))

        let status = try Self.error([], status: "HTTP/1.1 403 Forbidden").description
        #expect(status.contains("101") && status.contains("403 Forbidden"))

        let redirect = try Self.error([("Location", "wss://b.example/")], status: "HTTP/1.1 302 Found").description
        #expect(redirect.contains("302") && redirect.contains("wss://b.example/"))

        let notOffered = try Self.error(
            Self.headers(adding: [("Sec-WebSocket-Protocol", "mqtt")]), protocols: ["chat", "superchat"]
        ).description
        #expect(notOffered.contains("Sec-WebSocket-Protocol") && notOffered.contains("mqtt"))
        #expect(notOffered.contains("chat") && notOffered.contains("superchat"))

        let missingProtocol = try Self.error(Self.headers(), protocols: ["chat"]).description
        #expect(missingProtocol.contains("Sec-WebSocket-Protocol") && missingProtocol.contains("chat"))

        let unexpected = try Self.error(Self.headers(adding: [("Sec-WebSocket-Protocol", "chat")])).description
        #expect(unexpected.contains("Sec-WebSocket-Protocol") && unexpected.contains("chat"))

        let foreignExtension = try Self.error(
            Self.headers(adding: [("Sec-WebSocket-Extensions", "x-foo")]), extensions: ["permessage-deflate"]
        ).description
        #expect(foreignExtension.contains("x-foo"))
    }

    @Test("extension parameters are parsed, quoted values unquoted")
    func extensionParameters() throws {
        let head = try Self.head(
            "HTTP/1.1 101 Switching Protocols",
            Self.headers(adding: [
                (
                    "Sec-WebSocket-Extensions",
                    "permessage-deflate; client_max_window_bits=\"10\"; server_no_context_takeover"
                )
            ]))
        let negotiated = try HandshakeValidator.validate(
            head, key: Self.key, offeredProtocols: [], offeredExtensions: ["permessage-deflate"])
        let element = try #require(negotiated.extensionList.first)
        #expect(negotiated.extensionList.count == 1)
        #expect(element.name == "permessage-deflate")
        #expect(element.parameters.map(\.name) == ["client_max_window_bits", "server_no_context_takeover"])
        #expect(element.parameters.map(\.value) == ["10", nil])
    }
}
