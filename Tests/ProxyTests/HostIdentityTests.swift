import Testing

@testable import WebSockets

/// How a URL's host becomes the identity a certificate must prove: WHATWG host parsing, the certificate name
/// patterns, and SNI. Pure functions: no network.
@Suite("Host normalisation and certificate names")
struct HostIdentityTests {
    @Test(arguments: [
        ("wss://10.9.8.7./", "10.9.8.7"),
        ("wss://0x0a.9.8.7/", "10.9.8.7"),
        ("wss://127.1/", "127.0.0.1"),
        ("wss://0177.0.0.1/", "127.0.0.1"),
        ("wss://2130706433/", "127.0.0.1"),
        ("wss://[0:0:0:0:0:0:0:1]/", "::1"),
        ("wss://Bank.Example./", "bank.example."),
        ("wss://bank.example/", "bank.example"),
    ])
    func hostsAreNormalisedOnce(_ url: String, _ host: String) throws {
        #expect(try WebSocketURL(url).host == host)
    }

    @Test func trailingDotIPReadsBackWithoutTheDot() throws {
        #expect(try WebSocketURL("wss://10.9.8.7.:9443/x").serialized == "wss://10.9.8.7:9443/x")
    }

    @Test(arguments: ["wss://1.2.3.4.5/", "wss://256.1.1.1/", "wss://1.2.3.09/", "wss://example.0x/"])
    func hostsThatEndInABadNumberAreSyntaxErrors(_ url: String) {
        #expect(throws: WebSocketAPIError.self) { _ = try WebSocketURL(url) }
    }

    @Test func identityAndSNI() {
        #expect(TLSIdentity(host: "10.9.8.7", serverName: nil) == .ipAddress([10, 9, 8, 7]))
        #expect(TLSIdentity(host: "10.9.8.7", serverName: nil).serverNameIndication == nil)
        #expect(TLSIdentity(host: "bank.example.", serverName: nil) == .dnsName("bank.example"))
        #expect(TLSIdentity(host: "bank.example", serverName: nil).serverNameIndication == "bank.example")
        #expect(TLSIdentity(host: "127.0.0.1", serverName: "WSS.test") == .dnsName("wss.test"))
        #expect(TLSIdentity(host: "::1", serverName: nil).description == "::1")
    }

    @Test(arguments: [
        ("bank.example", "bank.example", true),
        ("BANK.example.", "bank.example", true),
        ("*.example.com", "ws.example.com", true),
        ("*.example.com", "example.com", false),
        ("*.example.com", "a.b.example.com", false),
        ("*.com", "example.com", false),
        ("w*.example.com", "ws.example.com", false),
        ("ws.*.com", "ws.example.com", false),
        ("other.example", "bank.example", false),
        ("", "bank.example", false),
    ])
    func dnsPatterns(_ pattern: String, _ name: String, _ matches: Bool) {
        #expect(TLSIdentity.dnsPattern(pattern, matches: name) == matches)
    }
}
