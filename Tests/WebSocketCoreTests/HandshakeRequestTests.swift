import Testing
import WebSocketCore

/// The client's opening handshake (RFC 6455 §4.1): what it must send and which caller headers it must refuse.
@Suite struct HandshakeRequestTests {
    /// The RFC 6455 §1.3 / §4.1 sample key.
    static let key = "dGhlIHNhbXBsZSBub25jZQ=="

    /// Splits a serialized head into its start line and (name, value) pairs, independently of HTTPHeadParser.
    private func lines(_ request: HandshakeRequest) throws -> (start: String, headers: [(String, String)]) {
        let text = try #require(String(validating: request.serialized(), as: UTF8.self))
        #expect(text.hasSuffix("\r\n\r\n"), "the head must end with an empty line")
        // "\r\n" is one Character (a grapheme cluster) in Swift.
        var rows = text.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        #expect(rows.suffix(2) == ["", ""])
        rows.removeLast(2)
        let start = rows.removeFirst()
        let headers = try rows.map { row -> (String, String) in
            let colon = try #require(row.firstIndex(of: ":"), "header line without colon: \(row)")
            return (String(row[..<colon]), trimmed(row[row.index(after: colon)...]))
        }
        return (start, headers)
    }

    private func values(_ headers: [(String, String)], _ name: String) -> [String] {
        headers.filter { $0.0.lowercased() == name.lowercased() }.map(\.1)
    }

    @Test("the RFC 6455 §1.2 request: GET, Host, Upgrade, Connection, key, version 13, protocols, extensions")
    func rfcRequest() throws {
        let request = try HandshakeRequest(
            host: "server.example.com", port: 80, secure: false, target: "/chat", protocols: ["chat", "superchat"],
            extensionOffers: ["permessage-deflate; client_max_window_bits"], key: Self.key)
        let (start, headers) = try lines(request)
        #expect(start == "GET /chat HTTP/1.1")
        #expect(values(headers, "Host") == ["server.example.com"])
        #expect(values(headers, "Upgrade") == ["websocket"])
        #expect(values(headers, "Connection") == ["Upgrade"])
        #expect(values(headers, "Sec-WebSocket-Key") == [Self.key])
        #expect(values(headers, "Sec-WebSocket-Version") == ["13"])
        #expect(
            values(headers, "Sec-WebSocket-Protocol").flatMap { $0.split(separator: ",") }
                .map { trimmed($0) } == ["chat", "superchat"])
        #expect(values(headers, "Sec-WebSocket-Extensions") == ["permessage-deflate; client_max_window_bits"])
    }

    @Test("no protocol or extension header when nothing is offered")
    func nothingOffered() throws {
        let request = try HandshakeRequest(host: "a.example", port: 80, secure: false, target: "/", key: Self.key)
        let (_, headers) = try lines(request)
        #expect(values(headers, "Sec-WebSocket-Protocol").isEmpty)
        #expect(values(headers, "Sec-WebSocket-Extensions").isEmpty)
    }

    @Test("several extension offers share one header, in order")
    func extensionOffers() throws {
        let request = try HandshakeRequest(
            host: "a.example", port: 80, secure: false, target: "/",
            extensionOffers: ["permessage-deflate; client_max_window_bits", "permessage-deflate"], key: Self.key)
        let (_, headers) = try lines(request)
        let elements = values(headers, "Sec-WebSocket-Extensions").flatMap { $0.split(separator: ",") }
            .map { trimmed($0) }
        #expect(elements == ["permessage-deflate; client_max_window_bits", "permessage-deflate"])
    }

    /// RFC 6455 §4.1 item 4 and RFC 9110 §7.2: the port is omitted when it is the scheme's default
    /// (80 for ws:, 443 for wss:); IPv6 literals are bracketed (RFC 3986 §3.2.2).
    @Test(
        "Host header",
        arguments: [
            ("example.com", 80, false, "example.com"),
            ("example.com", 443, true, "example.com"),
            ("example.com", 8080, false, "example.com:8080"),
            ("example.com", 443, false, "example.com:443"),
            ("example.com", 80, true, "example.com:80"),
            ("127.0.0.1", 9001, false, "127.0.0.1:9001"),
            ("::1", 80, false, "[::1]"),
            ("::1", 9001, false, "[::1]:9001"),
            ("2001:db8::1", 443, true, "[2001:db8::1]"),
            ("2001:db8::1", 8443, true, "[2001:db8::1]:8443"),
        ])
    func hostHeader(host: String, port: Int, secure: Bool, expected: String) throws {
        let request = try HandshakeRequest(host: host, port: port, secure: secure, target: "/", key: Self.key)
        #expect(request.hostHeader == expected)
        #expect(values(try lines(request).headers, "Host") == [expected])
    }

    @Test("custom headers come before Upgrade, in the caller's order")
    func customHeadersFirst() throws {
        let custom = HTTPHeaders([("Origin", "http://example.com"), ("X-Trace", "abc"), ("Cookie", "a=b")])
        let request = try HandshakeRequest(
            host: "example.com", port: 80, secure: false, target: "/", customHeaders: custom, key: Self.key)
        let names = try lines(request).headers.map { $0.0.lowercased() }
        let upgrade = try #require(names.firstIndex(of: "upgrade"))
        let origin = try #require(names.firstIndex(of: "origin"))
        let trace = try #require(names.firstIndex(of: "x-trace"))
        let cookie = try #require(names.firstIndex(of: "cookie"))
        #expect(origin < trace && trace < cookie && cookie < upgrade)
        #expect(names.firstIndex(of: "sec-websocket-key")! > cookie)
    }

    @Test("a custom Host replaces the default one instead of adding a second", arguments: ["Host", "host", "HOST"])
    func customHost(name: String) throws {
        let request = try HandshakeRequest(
            host: "10.0.0.1", port: 8080, secure: false, target: "/",
            customHeaders: HTTPHeaders([(name, "virtual.example")]), key: Self.key)
        #expect(values(try lines(request).headers, "Host") == ["virtual.example"])
    }

    @Test(
        "headers the client owns are refused, in any case",
        arguments: [
            "Sec-WebSocket-Key", "sec-websocket-key", "SEC-WEBSOCKET-VERSION", "Sec-WebSocket-Accept",
            "sec-WebSocket-Protocol", "Sec-Websocket-Extensions", "Upgrade", "upgrade", "Connection", "CONNECTION",
        ])
    func reservedHeaders(name: String) {
        do {
            _ = try HandshakeRequest(
                host: "a", port: 80, secure: false, target: "/", customHeaders: HTTPHeaders([(name, "x")]))
            Issue.record("\(name) was accepted")
        } catch {
            #expect(error.description.contains(name), "the message should name the header: \(error)")
        }
    }

    @Test(
        "CR, LF and NUL in a value are refused (header injection)",
        arguments: [
            "a\r\nX-Injected: 1", "a\nb", "a\rb", "a\u{0}b",
        ])
    func injection(value: String) {
        #expect(throws: HandshakeRequestError.self) {
            try HandshakeRequest(
                host: "a", port: 80, secure: false, target: "/", customHeaders: HTTPHeaders([("X-Value", value)]))
        }
    }

    @Test(
        "names that are not RFC 9110 tokens are refused",
        arguments: [
            "", "Bad Header", "X:Y", "X(1)", "x@y", "a/b", "Ünicode", "tab\tname", "quote\"", "x,y", "x;y", "x=y", "[x]",
        ])
    func nonTokenNames(name: String) {
        #expect(throws: HandshakeRequestError.self) {
            try HandshakeRequest(
                host: "a", port: 80, secure: false, target: "/", customHeaders: HTTPHeaders([(name, "v")]))
        }
    }

    @Test("names made of every token character are accepted")
    func tokenNames() throws {
        // RFC 9110 §5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|"
        // / "~" / DIGIT / ALPHA.
        let name = "!#$%&'*+-.^_`|~09azAZ"
        let request = try HandshakeRequest(
            host: "a", port: 80, secure: false, target: "/", customHeaders: HTTPHeaders([(name, "v")]), key: Self.key)
        #expect(values(try lines(request).headers, name) == ["v"])
    }

    @Test("the default key is 16 random bytes in base64")
    func defaultKey() throws {
        let a = try HandshakeRequest(host: "a", port: 80, secure: false, target: "/")
        let b = try HandshakeRequest(host: "a", port: 80, secure: false, target: "/")
        #expect(try #require(Base64.decode(a.key)).count == 16)
        #expect(a.key != b.key)
    }
}
