import Testing
import WebSockets

/// `NO_PROXY` matching with curl's semantics, as a table.
@Suite("NO_PROXY matching")
struct NoProxyTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let list: String
        let host: String
        let port: Int
        let bypass: Bool
        var testDescription: String { "NO_PROXY=\"\(list)\" \(host):\(port) → \(bypass ? "direct" : "proxy")" }
    }

    static let cases: [Case] = [
        // Empty and wildcard.
        Case(list: "", host: "example.com", port: 80, bypass: false),
        Case(list: "*", host: "example.com", port: 80, bypass: true),
        Case(list: "*", host: "127.0.0.1", port: 8080, bypass: true),
        Case(list: " * ", host: "anything.test", port: 1, bypass: true),
        // curl: the wildcard means every host only as the whole list; an entry `*` in a list matches nothing.
        Case(list: "localhost, *", host: "anything.test", port: 1, bypass: false),
        Case(list: "*, localhost", host: "localhost", port: 1, bypass: true),
        // Domain suffixes, with and without a leading dot, case-insensitive, whole labels only.
        Case(list: "example.com", host: "example.com", port: 443, bypass: true),
        Case(list: "example.com", host: "ws.example.com", port: 443, bypass: true),
        Case(list: "example.com", host: "a.b.example.com", port: 443, bypass: true),
        Case(list: ".example.com", host: "example.com", port: 443, bypass: true),
        Case(list: ".example.com", host: "ws.example.com", port: 443, bypass: true),
        Case(list: "*.example.com", host: "ws.example.com", port: 443, bypass: true),
        Case(list: "example.com", host: "badexample.com", port: 443, bypass: false),
        Case(list: "example.com", host: "example.com.evil.test", port: 443, bypass: false),
        Case(list: "EXAMPLE.com", host: "Ws.Example.COM", port: 443, bypass: true),
        Case(list: "example.com.", host: "ws.example.com", port: 443, bypass: true),
        Case(list: "example.com", host: "ws.example.com.", port: 443, bypass: true),
        Case(list: "localhost", host: "localhost", port: 9000, bypass: true),
        // Lists: commas, white space, empty entries.
        Case(list: "foo.test,bar.test", host: "bar.test", port: 80, bypass: true),
        Case(list: " foo.test , bar.test ", host: "foo.test", port: 80, bypass: true),
        Case(list: "foo.test bar.test", host: "bar.test", port: 80, bypass: true),
        Case(list: ",,foo.test,,", host: "foo.test", port: 80, bypass: true),
        Case(list: "foo.test,bar.test", host: "baz.test", port: 80, bypass: false),
        // IP literals: exact, never by name.
        Case(list: "127.0.0.1", host: "127.0.0.1", port: 80, bypass: true),
        Case(list: "127.0.0.1", host: "127.0.0.2", port: 80, bypass: false),
        Case(list: "127.0.0.1", host: "localhost", port: 80, bypass: false),
        Case(list: "::1", host: "::1", port: 80, bypass: true),
        Case(list: "[::1]", host: "::1", port: 80, bypass: true),
        Case(list: "::1", host: "[::1]", port: 80, bypass: true),
        Case(list: "0:0::1", host: "::1", port: 80, bypass: true),
        Case(list: "::1", host: "::2", port: 80, bypass: false),
        // CIDR.
        Case(list: "10.0.0.0/8", host: "10.1.2.3", port: 80, bypass: true),
        Case(list: "10.0.0.0/8", host: "11.0.0.1", port: 80, bypass: false),
        Case(list: "192.168.1.0/24", host: "192.168.1.200", port: 80, bypass: true),
        Case(list: "192.168.1.0/24", host: "192.168.2.1", port: 80, bypass: false),
        Case(list: "172.16.0.0/12", host: "172.31.255.255", port: 80, bypass: true),
        Case(list: "172.16.0.0/12", host: "172.32.0.1", port: 80, bypass: false),
        Case(list: "0.0.0.0/0", host: "8.8.8.8", port: 80, bypass: true),
        Case(list: "127.0.0.1/32", host: "127.0.0.1", port: 80, bypass: true),
        Case(list: "::1/128", host: "::1", port: 80, bypass: true),
        Case(list: "::1/128", host: "::2", port: 80, bypass: false),
        Case(list: "fd00::/8", host: "fd12:3456::1", port: 80, bypass: true),
        Case(list: "fd00::/8", host: "fe80::1", port: 80, bypass: false),
        Case(list: "10.0.0.0/8", host: "::ffff:10.0.0.1", port: 80, bypass: false),
        Case(list: "10.0.0.0/8", host: "ten.test", port: 80, bypass: false),
        // host:port entries.
        Case(list: "example.com:8080", host: "example.com", port: 8080, bypass: true),
        Case(list: "example.com:8080", host: "example.com", port: 443, bypass: false),
        Case(list: "example.com:8080", host: "ws.example.com", port: 8080, bypass: true),
        Case(list: "127.0.0.1:9000", host: "127.0.0.1", port: 9000, bypass: true),
        Case(list: "127.0.0.1:9000", host: "127.0.0.1", port: 9001, bypass: false),
        Case(list: "[::1]:9000", host: "::1", port: 9000, bypass: true),
        Case(list: "[::1]:9000", host: "::1", port: 9001, bypass: false),
        // Malformed entries are skipped, not fatal.
        Case(list: "10.0.0.0/99, ok.test", host: "ok.test", port: 80, bypass: true),
        Case(list: "10.0.0.0/99", host: "10.0.0.1", port: 80, bypass: false),
        Case(list: "host:notaport", host: "host", port: 80, bypass: false),
    ]

    @Test(arguments: cases)
    func matching(_ c: Case) {
        #expect(NoProxyList(c.list).matches(host: c.host, port: c.port) == c.bypass)
    }

    @Test func listKeepsWellFormedEntriesInOrder() {
        let list = NoProxyList(" .Example.com, 10.0.0.0/8 ,bad/77, [::1]:80,*")
        #expect(list.rules.map(\.description) == [".example.com", "10.0.0.0/8", "[::1]:80"])
        #expect(list.description == ".example.com,10.0.0.0/8,[::1]:80")
        #expect(NoProxyList("*").description == "*")
    }
}
