import Foundation
import Testing
import WebSockets

extension RealPeerTests {
    /// HTTP CONNECT through tinyproxy, with and without BasicAuth, for ws: and wss:.
    @Suite("tinyproxy")
    struct TinyproxyTests {
        @Test func wsThroughTinyproxy() async throws {
            let directory = try TemporaryDirectory()
            try await withEchoServer { server in
                let proxy = try await Tinyproxy(connectPorts: [server.port], directory: directory)
                defer { proxy.stop() }
                let agent = try ProxyAgent(uri: "http://127.0.0.1:\(proxy.port)", headers: [("X-Wsinspect-Test", "1")])
                let outcome = try await echo("ws://127.0.0.1:\(server.port)/", through: agent)
                expectEcho(outcome)
                #expect(outcome.route == "via proxy 127.0.0.1:\(proxy.port)")
                // The CONNECT exchange is on the wire tap, before the WebSocket handshake.
                let transcript = outcome.proxyTranscript
                #expect(transcript.count == 2)
                #expect(
                    transcript.first?.hasPrefix("> CONNECT 127.0.0.1:\(server.port) HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\n") == true
                )
                #expect(transcript.first?.contains("X-Wsinspect-Test: 1\r\n") == true)
                #expect(transcript.last?.hasPrefix("< HTTP/1.0 200") == true, "\(transcript)")
                let firstHandshake = outcome.records.firstIndex {
                    if case .handshakeRequest = $0.content { return true } else { return false }
                }
                let lastProxy = outcome.records.lastIndex {
                    if case .proxy = $0.content { return true } else { return false }
                }
                #expect(firstHandshake != nil && lastProxy != nil && lastProxy! < firstHandshake!)
            }
        }

        @Test func wssThroughTinyproxy() async throws {
            let directory = try TemporaryDirectory()
            let certificates = try await TestCertificates.make(in: directory)
            let target = try await TLSEchoServer(certificates: certificates, directory: directory)
            defer { target.stop() }
            let proxy = try await Tinyproxy(connectPorts: [target.port], directory: directory)
            defer { proxy.stop() }
            let agent = try ProxyAgent(uri: "http://127.0.0.1:\(proxy.port)", tls: TLSOptions(caFile: certificates.caFile))
            let outcome = try await echo("wss://localhost:\(target.port)/", through: agent)
            expectEcho(outcome)
            #expect(outcome.proxyTranscript.first?.hasPrefix("> CONNECT localhost:\(target.port) HTTP/1.1") == true)

            // The same tunnel without the CA: the error blames TLS to the target, not the proxy.
            let untrusted = try await echo(
                "wss://localhost:\(target.port)/", through: try ProxyAgent(uri: "http://127.0.0.1:\(proxy.port)"))
            expectFailure(
                untrusted, cause: .tls,
                containing: ["TLS to target localhost:\(target.port) (through proxy 127.0.0.1:\(proxy.port))", "not trusted"])
        }

        @Test func wssToAnIPLiteralChecksTheTargetsAddress() async throws {
            let directory = try TemporaryDirectory()
            let certificates = try await TestCertificates.make(in: directory)
            let named = try await TLSEchoServer(certificates: certificates, directory: directory)
            defer { named.stop() }
            let addressed = try await TLSEchoServer(certificates: certificates, presenting: .proxyAddress, directory: directory)
            defer { addressed.stop() }
            let proxy = try await Tinyproxy(connectPorts: [named.port, addressed.port], directory: directory)
            defer { proxy.stop() }
            let trust = TLSOptions(caFile: certificates.caFile)
            let agent = try ProxyAgent(uri: "http://127.0.0.1:\(proxy.port)", tls: trust)

            // A certificate with IP:127.0.0.1 passes for wss://127.0.0.1 through the tunnel.
            expectEcho(try await echo("wss://127.0.0.1:\(addressed.port)/", through: agent))
            // One that names only localhost and wss.test fails, although the proxy's own address is 127.0.0.1 too;
            // no upgrade request reaches it.
            let mismatch = try await echo("wss://127.0.0.1:\(named.port)/", through: agent)
            expectFailure(
                mismatch, cause: .tls,
                containing: ["TLS to target 127.0.0.1:\(named.port) (through proxy 127.0.0.1:\(proxy.port))", "does not match 127.0.0.1"])
            #expect(!mismatch.records.contains { if case .handshakeRequest = $0.content { return true } else { return false } })
            // A server-name override checks that name instead.
            let overridden = try ProxyAgent(
                uri: "http://127.0.0.1:\(proxy.port)", tls: TLSOptions(caFile: certificates.caFile, serverName: "wss.test"))
            expectEcho(try await echo("wss://127.0.0.1:\(named.port)/", through: overridden))
        }

        @Test func basicAuth() async throws {
            let directory = try TemporaryDirectory()
            try await withEchoServer { server in
                let proxy = try await Tinyproxy(
                    connectPorts: [server.port], basicAuth: ("alice", "s3cret"), directory: directory)
                defer { proxy.stop() }
                let url = "ws://127.0.0.1:\(server.port)/"

                expectEcho(try await echo(url, through: try ProxyAgent(uri: "http://alice:s3cret@127.0.0.1:\(proxy.port)")))
                let token = "Basic " + Data("alice:s3cret".utf8).base64EncodedString()
                expectEcho(try await echo(url, through: try ProxyAgent(uri: "http://127.0.0.1:\(proxy.port)", token: token)))

                // No credentials: 407 with the proxy's challenge.
                let none = try await echo(url, through: try ProxyAgent(uri: "http://127.0.0.1:\(proxy.port)"))
                expectFailure(
                    none, cause: .proxy,
                    containing: [
                        "proxy 127.0.0.1:\(proxy.port) answered 407 Proxy Authentication Required",
                        "(Proxy-Authenticate: Basic realm=\"Tinyproxy\")", "wants credentials",
                    ])

                // A wrong password: tinyproxy 1.11 answers 401 with WWW-Authenticate rather than 407; either way
                // the error says the credentials were rejected, and never shows the password.
                let wrong = try await echo(url, through: try ProxyAgent(uri: "http://alice:wrong@127.0.0.1:\(proxy.port)"))
                expectFailure(
                    wrong, cause: .proxy,
                    containing: ["proxy 127.0.0.1:\(proxy.port) answered 40", "Basic realm=", "rejected the credentials"])
                #expect(wrong.errorMessage?.contains("wrong") == false)
            }
        }

        @Test func wssWithBasicAuth() async throws {
            let directory = try TemporaryDirectory()
            let certificates = try await TestCertificates.make(in: directory)
            let target = try await TLSEchoServer(certificates: certificates, directory: directory)
            defer { target.stop() }
            let proxy = try await Tinyproxy(connectPorts: [target.port], basicAuth: ("bob", "pw"), directory: directory)
            defer { proxy.stop() }
            let agent = try ProxyAgent(
                uri: "http://bob:pw@127.0.0.1:\(proxy.port)", tls: TLSOptions(caFile: certificates.caFile))
            expectEcho(try await echo("wss://localhost:\(target.port)/", through: agent))
        }

        @Test func connectPortNotAllowed() async throws {
            let directory = try TemporaryDirectory()
            try await withEchoServer { server in
                let proxy = try await Tinyproxy(connectPorts: [443], directory: directory)
                defer { proxy.stop() }
                let outcome = try await echo(
                    "ws://127.0.0.1:\(server.port)/", through: try ProxyAgent(uri: "http://127.0.0.1:\(proxy.port)"))
                expectFailure(outcome, cause: .proxy, containing: ["proxy 127.0.0.1:\(proxy.port) answered 403"])
            }
        }

        @Test func proxyNotListening() async throws {
            let port = try Ports.free()
            let outcome = try await echo(
                "ws://127.0.0.1:9/", through: try ProxyAgent(uri: "http://127.0.0.1:\(port)"))
            expectFailure(outcome, containing: ["proxy 127.0.0.1:\(port) refused the TCP connection"])
        }
    }
}
