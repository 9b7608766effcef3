import Foundation
import Testing
import WebSocketCore

@testable import WebSockets

/// Parsing proxy URIs and building the agents: defaults, credentials, and clear errors at construction.
@Suite("Proxy configuration")
struct ProxyConfigurationTests {
    @Test func httpProxyDefaultsAndCredentials() throws {
        let plain = try HTTPProxy(uri: "http://127.0.0.1:3128")
        #expect(plain.host == "127.0.0.1" && plain.port == 3128 && !plain.secure && plain.authorization == nil)
        #expect(plain.description == "proxy 127.0.0.1:3128")
        #expect(try HTTPProxy(uri: "http://proxy.test").port == 80)
        let secure = try HTTPProxy(uri: "HTTPS://Proxy.Test")
        #expect(secure.secure && secure.port == 443 && secure.host == "proxy.test")
        #expect(secure.description == "https proxy proxy.test:443")
        let v6 = try HTTPProxy(uri: "http://[::1]:8080/")
        #expect(v6.host == "::1" && v6.address == "[::1]:8080")
        // Userinfo is percent-decoded, then Basic-encoded.
        let auth = try HTTPProxy(uri: "http://al%20ice:s%3Acret@127.0.0.1:3128")
        #expect(auth.authorization == "Basic " + Data("al ice:s:cret".utf8).base64EncodedString())
        let userOnly = try HTTPProxy(uri: "http://alice@127.0.0.1:3128")
        #expect(userOnly.authorization == "Basic " + Data("alice:".utf8).base64EncodedString())
    }

    @Test func tokenAndHeadersTakePrecedenceOverUserinfo() throws {
        let token = try ProxyAgent(uri: "http://alice:pw@127.0.0.1:3128", token: "Bearer abc")
        #expect(token.proxy.authorization == "Bearer abc")
        let header = try ProxyAgent(
            uri: "http://alice:pw@127.0.0.1:3128", headers: [("Proxy-Authorization", "Negotiate xyz"), ("X-A", "1")])
        #expect(header.proxy.authorization == nil)
        #expect(header.proxy.headers.map(\.name) == ["Proxy-Authorization", "X-A"])
        #expect(header.proxy.sendsCredentials)
    }

    @Test func socks5Parsing() throws {
        let local = try Socks5Proxy(uri: "socks5://127.0.0.1")
        #expect(local.port == 1080 && local.resolvesLocally && local.username == nil)
        let remote = try Socks5Proxy(uri: "socks5h://u%40x:p@127.0.0.1:1081")
        #expect(!remote.resolvesLocally && remote.username == "u@x" && remote.password == "p" && remote.port == 1081)
        #expect(remote.description == "SOCKS5 proxy 127.0.0.1:1081")
    }

    @Test func proxyServerPicksTheKindByScheme() throws {
        guard case .socks5 = try ProxyServer(uri: "socks5h://127.0.0.1:1080") else {
            Issue.record("socks5h should parse as SOCKS5")
            return
        }
        guard case .http(let http) = try ProxyServer(uri: "127.0.0.1:3128") else {
            Issue.record("a bare host:port should parse as HTTP")
            return
        }
        #expect(http.port == 3128)
        #expect(try ProxyServer(uri: "socks5://127.0.0.1").agent() is Socks5ProxyAgent)
        #expect(try ProxyServer(uri: "https://127.0.0.1").agent() is ProxyAgent)
    }

    struct Invalid: Sendable, CustomTestStringConvertible {
        let uri: String
        let fragment: String
        var testDescription: String { uri }
    }

    static let invalidHTTP: [Invalid] = [
        Invalid(uri: "ftp://127.0.0.1:21", fragment: "expected http://, https://"),
        Invalid(uri: "socks5://127.0.0.1", fragment: "expected http://, https://"),
        Invalid(uri: "http://", fragment: "no host"),
        Invalid(uri: "http://127.0.0.1:0", fragment: "out of range"),
        Invalid(uri: "http://127.0.0.1:70000", fragment: "127.0.0.1:70000"),
        Invalid(uri: "http://127.0.0.1:3128/path", fragment: "must not have a path"),
        Invalid(uri: "http://127.0.0.1:3128/?q=1", fragment: "must not have a path"),
        Invalid(uri: "http://exa mple:80", fragment: "exa mple"),
    ]

    @Test(arguments: invalidHTTP)
    func invalidHTTPProxyURIsThrow(_ c: Invalid) {
        #expect {
            try ProxyAgent(uri: c.uri)
        } throws: { error in
            guard let error = error as? WebSocketAPIError else { return false }
            return error.kind == .syntax && error.message.contains(c.fragment) && error.message.contains("proxy URI")
        }
    }

    @Test func invalidSocksURIsThrow() {
        #expect(throws: WebSocketAPIError.self) { try Socks5ProxyAgent(uri: "http://127.0.0.1:3128") }
        #expect(throws: WebSocketAPIError.self) { try Socks5ProxyAgent(uri: "socks4://127.0.0.1") }
        let longName = String(repeating: "u", count: 256)
        #expect {
            try Socks5ProxyAgent(uri: "socks5://\(longName):p@127.0.0.1")
        } throws: { error in
            (error as? WebSocketAPIError)?.message.contains("RFC 1929") == true
        }
    }

    @Test func badHeadersAndTokensThrow() {
        #expect(throws: WebSocketAPIError.self) { try ProxyAgent(uri: "http://127.0.0.1", headers: [("Bad Name", "x")]) }
        #expect(throws: WebSocketAPIError.self) { try ProxyAgent(uri: "http://127.0.0.1", headers: [("X", "a\r\nEvil: 1")]) }
        #expect(throws: WebSocketAPIError.self) { try ProxyAgent(uri: "http://127.0.0.1", token: "Bearer a\nb") }
    }

    @Test func passwordsNeverAppearInErrors() {
        #expect {
            try ProxyAgent(uri: "http://alice:hunter2@127.0.0.1:3128/path")
        } throws: { error in
            let message = (error as? WebSocketAPIError)?.message ?? ""
            return message.contains("alice:***@127.0.0.1") && !message.contains("hunter2")
        }
        #expect(ProxyURI.redacted("socks5h://u:p@h:1") == "socks5h://u:***@h:1")
        #expect(ProxyURI.redacted("http://u@h") == "http://u@h")
    }

    @Test func noProxyOnAgents() throws {
        let agent = try ProxyAgent(uri: "http://127.0.0.1:3128", noProxy: NoProxyList("localhost"))
        #expect(agent.route(host: "localhost", port: 80, secure: false) == .direct)
        #expect(agent.route(host: "127.0.0.1", port: 80, secure: true) == .httpProxy(agent.proxy))
        #expect(agent.route(host: "127.0.0.1", port: 80, secure: false).description == "via proxy 127.0.0.1:3128")
    }
}

/// The tunnel exchanges as bytes, without a network.
@Suite("Tunnel exchanges")
struct TunnelExchangeTests {
    @Test func connectRequest() throws {
        let proxy = try HTTPProxy(uri: "http://u:p@127.0.0.1:3128", headers: [("X-Trace", "1")])
        let request = String(decoding: HTTPConnectExchange.request(host: "::1", port: 9443, proxy: proxy), as: UTF8.self)
        #expect(request == "CONNECT [::1]:9443 HTTP/1.1\r\nHost: [::1]:9443\r\nProxy-Authorization: Basic dTpw\r\nX-Trace: 1\r\n\r\n")
    }

    private func answer(_ text: String, proxy: HTTPProxy) throws -> Result<Void, WebSocketError> {
        HTTPConnectExchange.interpret(try head(text), proxy: proxy)
    }

    @Test func connectAnswers() throws {
        let proxy = try HTTPProxy(uri: "http://127.0.0.1:3128")
        let withCredentials = try HTTPProxy(uri: "http://u:p@127.0.0.1:3128")
        #expect((try? answer("HTTP/1.0 200 Connection established\r\n\r\n", proxy: proxy).get()) != nil)
        #expect((try? answer("HTTP/1.1 204 No Content\r\n\r\n", proxy: proxy).get()) != nil)
        let cases: [(String, HTTPProxy, String)] = [
            (
                "HTTP/1.1 403 Forbidden\r\nX-Squid-Error: ERR_ACCESS_DENIED 0\r\n\r\n", proxy,
                "proxy 127.0.0.1:3128 answered 403 Forbidden (X-Squid-Error: ERR_ACCESS_DENIED 0)"
            ),
            (
                "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"t\"\r\n\r\n", proxy,
                "proxy 127.0.0.1:3128 answered 407 Proxy Authentication Required (Proxy-Authenticate: Basic realm=\"t\"): the proxy wants credentials"
            ),
            (
                "HTTP/1.1 407 Nope\r\nProxy-Authenticate: Basic realm=\"t\"\r\nProxy-Authenticate: Negotiate\r\n\r\n", withCredentials,
                "proxy 127.0.0.1:3128 answered 407 Nope (Proxy-Authenticate: Basic realm=\"t\", Proxy-Authenticate: Negotiate): the proxy rejected the credentials"
            ),
            ("HTTP/1.1 502\r\n\r\n", proxy, "proxy 127.0.0.1:3128 answered 502"),
            ("SSH-2.0-OpenSSH\r\n\r\n", proxy, "proxy 127.0.0.1:3128 answered CONNECT with a malformed status line: SSH-2.0-OpenSSH"),
        ]
        for (text, proxy, expected) in cases {
            guard case .failure(let error) = try answer(text, proxy: proxy) else {
                Issue.record("\(text) should fail")
                continue
            }
            #expect(error.cause == .proxy)
            #expect(error.message.hasPrefix(expected), "got \(error.message)")
        }
    }

    @Test func socks5Messages() {
        #expect(Socks5Messages.greeting(offeringPassword: false) == [5, 1, 0])
        #expect(Socks5Messages.greeting(offeringPassword: true) == [5, 2, 0, 2])
        #expect(Socks5Messages.credentials(username: "ab", password: "xyz") == [1, 2, 97, 98, 3, 120, 121, 122])
        #expect(Socks5Messages.connect(.ipv4([127, 0, 0, 1]), port: 0x1F90) == [5, 1, 0, 1, 127, 0, 0, 1, 0x1F, 0x90])
        #expect(Socks5Messages.connect(.domain("localhost"), port: 80) == [5, 1, 0, 3, 9] + Array("localhost".utf8) + [0, 80])
        #expect(Socks5Messages.connect(.ipv6(Array(repeating: 0, count: 15) + [1]), port: 1).count == 4 + 16 + 2)
        #expect(Socks5Messages.replyLength([5, 0, 0, 1]) == .incomplete)
        #expect(Socks5Messages.replyLength([5, 0, 0, 1, 0]) == .complete(10))
        #expect(Socks5Messages.replyLength([5, 0, 0, 4, 0]) == .complete(22))
        #expect(Socks5Messages.replyLength([5, 0, 0, 3, 9]) == .complete(16))
        #expect(Socks5Messages.replyLength([5, 0, 0, 7, 0]) == .unknownAddressType(7))
        #expect(Socks5Messages.replyName(5) == "connection refused by destination host")
        #expect(Socks5Messages.replyName(2) == "connection not allowed by ruleset")
        #expect(Socks5Messages.hex(5) == "0x05")
        #expect(Socks5Messages.hex(0xFF) == "0xff")
    }
}

/// The head of a complete response text, parsed by the core's parser.
private func head(_ text: String) throws -> HTTPHead {
    struct Incomplete: Error {}
    var parser = HTTPHeadParser()
    guard let head = try parser.append(Array(text.utf8)) else { throw Incomplete() }
    return head
}
