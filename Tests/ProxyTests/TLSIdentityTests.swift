import Testing
import WebSockets

extension RealPeerTests {
    /// The identity a `wss:` certificate must prove is the host the user named, never an address taken from the
    /// socket: through a proxy that address is the proxy's, and a proxy holding a trusted certificate for its own
    /// address could otherwise pose as any server and read the upgrade request's headers.
    @Suite("TLS identity is the target's, never the socket's")
    struct TLSIdentityTests {
        static let secret = "Bearer TOPSECRET"

        /// A malicious CONNECT or SOCKS5 proxy terminates TLS itself with a certificate (from a trusted CA) for its
        /// own address only: a DNS-named target must be refused before a byte of the upgrade request is sent.
        @Test(arguments: ImpersonatingProxy.Mode.allCases)
        func proxyCannotPoseAsANamedServer(_ mode: ImpersonatingProxy.Mode) async throws {
            let (outcome, captured) = try await connectThroughImpersonator(mode, to: "wss://bank.example/")
            expectFailure(
                outcome, cause: .tls,
                containing: ["TLS to target bank.example:443", "certificate does not match bank.example", "127.0.0.1"])
            // The proxy did finish a TLS handshake (its certificate chains to the trusted CA), so only the identity
            // check stood between it and the headers.
            #expect(captured.hasPrefix("TLS-OK"), "the proxy saw: \(captured)")
            #expect(!captured.contains("TOPSECRET"), "the proxy read: \(captured)")
        }

        /// `wss://10.9.8.7./` is the IPv4 address 10.9.8.7 (the WHATWG host parser drops the trailing dot), so the
        /// certificate must name 10.9.8.7; the proxy's certificate for 127.0.0.1 must not pass. No packet goes to
        /// 10.9.8.7: the client only talks to the proxy on loopback, which opens no tunnel.
        @Test(arguments: ImpersonatingProxy.Mode.allCases)
        func trailingDotIPLiteralIsStillChecked(_ mode: ImpersonatingProxy.Mode) async throws {
            let (outcome, captured) = try await connectThroughImpersonator(mode, to: "wss://10.9.8.7./")
            expectFailure(outcome, cause: .tls, containing: ["certificate does not match 10.9.8.7"])
            #expect(!captured.contains("TOPSECRET"), "the proxy read: \(captured)")
        }

        /// Direct connections too: a certificate that names only the server's IP address does not prove the DNS
        /// name the URL gave, even though the socket is connected to that address.
        @Test func directConnectionChecksTheNameNotTheSocketAddress() async throws {
            let directory = try TemporaryDirectory()
            let certificates = try await TestCertificates.make(in: directory)
            let server = try await TLSEchoServer(certificates: certificates, presenting: .ipOnly, directory: directory)
            defer { server.stop() }
            let trust = Agent(tls: TLSOptions(caFile: certificates.caFile))

            let byName = try await echo("wss://localhost:\(server.port)/", through: trust)
            expectFailure(byName, cause: .tls, containing: ["certificate does not match localhost", "127.0.0.1"])
            #expect(!byName.records.contains { if case .handshakeRequest = $0.content { return true } else { return false } })
            // The same certificate is right for the address it names, with or without a trailing dot.
            expectEcho(try await echo("wss://127.0.0.1:\(server.port)/", through: trust))
            expectEcho(try await echo("wss://127.0.0.1.:\(server.port)/", through: trust))
        }

        /// The wire tap logs the upgrade request when it really goes out: after the TLS handshake, so a TLS
        /// failure shows no request, with verification off (`insecure`) too.
        @Test func upgradeRequestWaitsForTLS() async throws {
            let directory = try TemporaryDirectory()
            let server = try await HostilePeer(.plainHTTP, directory: directory)
            defer { server.stop() }
            for tls in [TLSOptions(), TLSOptions(insecure: true)] {
                // A plain HTTP server on a wss:// URL: the TLS handshake cannot succeed.
                let outcome = try await echo("wss://127.0.0.1:\(server.port)/", through: Agent(tls: tls))
                expectFailure(outcome, cause: .tls, containing: ["does not speak TLS"])
                #expect(
                    !outcome.records.contains { if case .handshakeRequest = $0.content { true } else { false } },
                    "insecure \(tls.insecure): the request was logged before TLS was up")
            }
        }

        /// A trailing-dot IP literal to a server whose certificate names no address is refused directly too.
        @Test func trailingDotIPLiteralDirect() async throws {
            let directory = try TemporaryDirectory()
            let certificates = try await TestCertificates.make(in: directory)
            let server = try await TLSEchoServer(certificates: certificates, directory: directory)
            defer { server.stop() }
            let outcome = try await echo(
                "wss://127.0.0.1.:\(server.port)/", through: Agent(tls: TLSOptions(caFile: certificates.caFile)))
            expectFailure(outcome, cause: .tls, containing: ["certificate does not match 127.0.0.1", "localhost"])
        }

        /// The legitimate tunnels keep working: tinyproxy (CONNECT) and microsocks (SOCKS5) to a server whose
        /// certificate names the host in the URL.
        @Test func legitimateTunnelsStillWork() async throws {
            let directory = try TemporaryDirectory()
            let certificates = try await TestCertificates.make(in: directory)
            let server = try await TLSEchoServer(certificates: certificates, directory: directory)
            defer { server.stop() }
            let tinyproxy = try await Tinyproxy(connectPorts: [server.port], directory: directory)
            defer { tinyproxy.stop() }
            let microsocks = try await Microsocks(directory: directory)
            defer { microsocks.stop() }
            let trust = TLSOptions(caFile: certificates.caFile)
            let url = "wss://localhost:\(server.port)/"
            expectEcho(try await echo(url, through: try ProxyAgent(uri: "http://127.0.0.1:\(tinyproxy.port)", tls: trust)))
            expectEcho(try await echo(url, through: try Socks5ProxyAgent(uri: "socks5h://127.0.0.1:\(microsocks.port)", tls: trust)))
            expectEcho(try await echo(url, through: try Socks5ProxyAgent(uri: "socks5://127.0.0.1:\(microsocks.port)", tls: trust)))
        }

        /// Connects to `url` with the secret header through an impersonating proxy of `mode` holding a trusted
        /// certificate for 127.0.0.1 only; returns what happened and what the proxy captured.
        private func connectThroughImpersonator(
            _ mode: ImpersonatingProxy.Mode, to url: String
        ) async throws -> (Outcome, String) {
            let directory = try TemporaryDirectory()
            let certificates = try await TestCertificates.make(in: directory)
            let proxy = try await ImpersonatingProxy(
                mode: mode, certificate: certificates.ipOnlyCertificate, key: certificates.ipOnlyKey, directory: directory)
            defer { proxy.stop() }
            let trust = TLSOptions(caFile: certificates.caFile)
            let agent: any Dispatcher =
                switch mode {
                case .connect: try ProxyAgent(uri: proxy.uri(mode), tls: trust)
                case .socks5: try Socks5ProxyAgent(uri: proxy.uri(mode), tls: trust)
                }
            let outcome = try await echo(url, through: agent, headers: [("Authorization", Self.secret)])
            return (outcome, proxy.captured)
        }
    }
}
