import Testing
import WebSockets

/// Which proxy `EnvHttpProxyAgent` picks from an injected environment, as tables.
@Suite("EnvHttpProxyAgent")
struct EnvHttpProxyAgentTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let environment: [String: String]
        let host: String
        let port: Int
        let secure: Bool
        /// The expected route's description: "direct", "via proxy 10.0.0.1:3128", …
        let route: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "nothing set", environment: [:], host: "example.com", port: 80, secure: false, route: "direct"),
        Case(
            name: "ws uses http_proxy", environment: ["http_proxy": "http://10.0.0.1:3128"],
            host: "example.com", port: 80, secure: false, route: "via proxy 10.0.0.1:3128"),
        Case(
            // curl ignores upper-case HTTP_PROXY ("httpoxy": CGI servers put a client's Proxy: header there).
            name: "ws ignores upper-case HTTP_PROXY", environment: ["HTTP_PROXY": "http://10.0.0.1:3128"],
            host: "example.com", port: 80, secure: false, route: "direct"),
        Case(
            name: "ws ignores HTTP_PROXY but still uses ALL_PROXY",
            environment: ["HTTP_PROXY": "http://10.0.0.1:3128", "ALL_PROXY": "socks5://10.0.0.5:1080"],
            host: "example.com", port: 80, secure: false, route: "via SOCKS5 proxy 10.0.0.5:1080"),
        Case(
            name: "wss ignores http_proxy", environment: ["http_proxy": "http://10.0.0.1:3128"],
            host: "example.com", port: 443, secure: true, route: "direct"),
        Case(
            name: "wss uses HTTPS_PROXY", environment: ["HTTPS_PROXY": "http://10.0.0.2:3128"],
            host: "example.com", port: 443, secure: true, route: "via proxy 10.0.0.2:3128"),
        Case(
            name: "ws ignores HTTPS_PROXY", environment: ["HTTPS_PROXY": "http://10.0.0.2:3128"],
            host: "example.com", port: 80, secure: false, route: "direct"),
        Case(
            name: "lower case wins over upper case",
            environment: ["https_proxy": "http://10.0.0.1:1111", "HTTPS_PROXY": "http://10.0.0.9:9999"],
            host: "example.com", port: 443, secure: true, route: "via proxy 10.0.0.1:1111"),
        Case(
            name: "upper case used when lower case is absent", environment: ["HTTPS_PROXY": "https://10.0.0.3:8443"],
            host: "example.com", port: 443, secure: true, route: "via https proxy 10.0.0.3:8443"),
        Case(
            name: "empty lower case counts as unset",
            environment: ["https_proxy": "", "HTTPS_PROXY": "http://10.0.0.9:9999"],
            host: "example.com", port: 443, secure: true, route: "via proxy 10.0.0.9:9999"),
        Case(
            name: "ALL_PROXY is the fallback for ws", environment: ["ALL_PROXY": "socks5://10.0.0.5:1080"],
            host: "example.com", port: 80, secure: false, route: "via SOCKS5 proxy 10.0.0.5:1080"),
        Case(
            name: "all_proxy is the fallback for wss, socks5h", environment: ["all_proxy": "socks5h://10.0.0.5"],
            host: "example.com", port: 443, secure: true, route: "via SOCKS5 proxy 10.0.0.5:1080 (proxy resolves names)"),
        Case(
            name: "scheme variable beats ALL_PROXY",
            environment: ["ALL_PROXY": "socks5://10.0.0.5:1080", "HTTPS_PROXY": "http://10.0.0.2:3128"],
            host: "example.com", port: 443, secure: true, route: "via proxy 10.0.0.2:3128"),
        Case(
            name: "lower all_proxy wins over ALL_PROXY",
            environment: ["all_proxy": "http://10.0.0.6:1", "ALL_PROXY": "http://10.0.0.7:2"],
            host: "example.com", port: 80, secure: false, route: "via proxy 10.0.0.6:1"),
        Case(
            name: "bare host:port is http", environment: ["http_proxy": "10.0.0.1:3128"],
            host: "example.com", port: 80, secure: false, route: "via proxy 10.0.0.1:3128"),
        Case(
            name: "default http port", environment: ["http_proxy": "http://10.0.0.1"],
            host: "example.com", port: 80, secure: false, route: "via proxy 10.0.0.1:80"),
        Case(
            name: "NO_PROXY bypasses", environment: ["http_proxy": "http://10.0.0.1:3128", "NO_PROXY": "example.com"],
            host: "ws.example.com", port: 80, secure: false, route: "direct"),
        Case(
            name: "NO_PROXY applies to ALL_PROXY too", environment: ["ALL_PROXY": "socks5://10.0.0.5", "NO_PROXY": "127.0.0.0/8"],
            host: "127.0.0.1", port: 8080, secure: false, route: "direct"),
        Case(
            name: "NO_PROXY non-match", environment: ["http_proxy": "http://10.0.0.1:3128", "NO_PROXY": "example.com"],
            host: "example.org", port: 80, secure: false, route: "via proxy 10.0.0.1:3128"),
        Case(
            name: "no_proxy wins over NO_PROXY",
            environment: ["http_proxy": "http://10.0.0.1:3128", "no_proxy": "other.test", "NO_PROXY": "example.com"],
            host: "example.com", port: 80, secure: false, route: "via proxy 10.0.0.1:3128"),
        Case(
            name: "a * entry inside a list matches nothing (curl)",
            environment: ["HTTPS_PROXY": "http://10.0.0.2:3128", "NO_PROXY": "localhost, *"],
            host: "example.com", port: 443, secure: true, route: "via proxy 10.0.0.2:3128"),
        Case(
            name: "NO_PROXY=* disables all", environment: ["HTTPS_PROXY": "http://10.0.0.2:3128", "NO_PROXY": "*"],
            host: "example.com", port: 443, secure: true, route: "direct"),
        Case(
            name: "NO_PROXY with port", environment: ["http_proxy": "http://10.0.0.1:3128", "NO_PROXY": "example.com:8080"],
            host: "example.com", port: 80, secure: false, route: "via proxy 10.0.0.1:3128"),
        Case(
            name: "IPv6 proxy", environment: ["http_proxy": "http://[::1]:3128"],
            host: "example.com", port: 80, secure: false, route: "via proxy [::1]:3128"),
    ]

    @Test(arguments: cases)
    func picksTheProxy(_ c: Case) throws {
        let agent = try EnvHttpProxyAgent(environment: c.environment)
        // Only the route is computed: no connection is made to these addresses.
        #expect(agent.route(host: c.host, port: c.port, secure: c.secure).description == c.route)
    }

    @Test func routeCarriesTheParsedProxy() throws {
        let agent = try EnvHttpProxyAgent(environment: [
            "https_proxy": "http://user:p%40ss@10.0.0.2:3128", "http_proxy": "socks5h://u:p@10.0.0.5:1081",
        ])
        guard case .httpProxy(let http) = agent.route(host: "example.com", port: 443, secure: true) else {
            Issue.record("wss should go through the HTTP proxy")
            return
        }
        #expect(http.host == "10.0.0.2" && http.port == 3128 && !http.secure)
        #expect(http.authorization == "Basic dXNlcjpwQHNz")  // user:p@ss
        guard case .socks5Proxy(let socks) = agent.route(host: "example.com", port: 80, secure: false) else {
            Issue.record("ws should go through the SOCKS5 proxy")
            return
        }
        #expect(socks.port == 1081 && !socks.resolvesLocally && socks.username == "u" && socks.password == "p")
    }

    @Test func noProxyOverrideReplacesTheVariable() throws {
        let agent = try EnvHttpProxyAgent(
            environment: ["http_proxy": "http://10.0.0.1:3128", "NO_PROXY": "example.com"], noProxy: "other.test")
        #expect(agent.route(host: "example.com", port: 80, secure: false) != .direct)
        #expect(agent.route(host: "other.test", port: 80, secure: false) == .direct)
    }

    @Test func headersReachHTTPProxies() throws {
        let agent = try EnvHttpProxyAgent(
            environment: ["http_proxy": "http://10.0.0.1:3128"], headers: [("X-Trace", "abc")])
        guard case .httpProxy(let proxy) = agent.route(host: "example.com", port: 80, secure: false) else {
            Issue.record("expected an HTTP proxy route")
            return
        }
        #expect(proxy.headers == [HTTPProxy.Header(name: "X-Trace", value: "abc")])
    }

    @Test func invalidValueNamesTheVariable() {
        #expect {
            try EnvHttpProxyAgent(environment: ["HTTPS_PROXY": "ftp://10.0.0.1:21"])
        } throws: { error in
            let message = (error as? WebSocketAPIError)?.message ?? ""
            return message.hasPrefix("HTTPS_PROXY:") && message.contains("ftp")
        }
        #expect {
            try EnvHttpProxyAgent(environment: ["all_proxy": "http://user:secret@:3128"])
        } throws: { error in
            let message = (error as? WebSocketAPIError)?.message ?? ""
            return message.hasPrefix("all_proxy:") && !message.contains("secret")
        }
    }
}
