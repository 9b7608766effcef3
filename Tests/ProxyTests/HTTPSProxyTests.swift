import Testing
import WebSockets

extension RealPeerTests {
    /// An HTTPS proxy (stunnel4 terminating TLS in front of tinyproxy): TLS to the proxy, then, for wss:, TLS to
    /// the target inside the tunnel.
    @Suite("HTTPS proxy")
    struct HTTPSProxyTests {
        @Test func tlsToTheProxy() async throws {
            let directory = try TemporaryDirectory()
            let certificates = try await TestCertificates.make(in: directory)
            let target = try await TLSEchoServer(certificates: certificates, directory: directory)
            defer { target.stop() }
            try await withEchoServer { server in
                let tinyproxy = try await Tinyproxy(connectPorts: [server.port, target.port], directory: directory)
                defer { tinyproxy.stop() }
                let stunnel = try await Stunnel(
                    forwardTo: tinyproxy.port, certificate: certificates.proxyCertificate, key: certificates.proxyKey,
                    directory: directory)
                defer { stunnel.stop() }
                let proxyURI = "https://127.0.0.1:\(stunnel.port)"
                let proxyTLS = TLSOptions(caFile: certificates.caFile)

                // ws: inside TLS to the proxy.
                let ws = try await echo(
                    "ws://127.0.0.1:\(server.port)/", through: try ProxyAgent(uri: proxyURI, proxyTLS: proxyTLS))
                expectEcho(ws)
                #expect(ws.route == "via https proxy 127.0.0.1:\(stunnel.port)")
                #expect(ws.proxyTranscript.first?.hasPrefix("> CONNECT 127.0.0.1:\(server.port) HTTP/1.1") == true)

                // wss: TLS to the target inside TLS to the proxy.
                let wss = try await echo(
                    "wss://localhost:\(target.port)/",
                    through: try ProxyAgent(uri: proxyURI, proxyTLS: proxyTLS, tls: TLSOptions(caFile: certificates.caFile)))
                expectEcho(wss)

                // The proxy's certificate is not trusted without its CA: the error says it was TLS to the proxy.
                let untrustedProxy = try await echo(
                    "wss://localhost:\(target.port)/",
                    through: try ProxyAgent(uri: proxyURI, tls: TLSOptions(caFile: certificates.caFile)))
                expectFailure(
                    untrustedProxy, cause: .tls,
                    containing: ["TLS to https proxy 127.0.0.1:\(stunnel.port): certificate for 127.0.0.1 not trusted"])

                // Trusted proxy, untrusted target: the error says it was TLS to the target.
                let untrustedTarget = try await echo(
                    "wss://localhost:\(target.port)/",
                    through: try ProxyAgent(uri: proxyURI, proxyTLS: proxyTLS, tls: TLSOptions(caFile: certificates.otherCAFile)))
                expectFailure(
                    untrustedTarget, cause: .tls,
                    containing: ["TLS to target localhost:\(target.port) (through https proxy 127.0.0.1:\(stunnel.port))", "not trusted"])

                // Speaking TLS to a port that is not TLS (microsocks hangs up on the ClientHello) names the proxy hop.
                let socks = try await Microsocks(directory: directory)
                defer { socks.stop() }
                let plain = try await echo(
                    "ws://127.0.0.1:\(server.port)/",
                    through: try ProxyAgent(uri: "https://127.0.0.1:\(socks.port)", proxyTLS: proxyTLS))
                expectFailure(plain, containing: ["https proxy 127.0.0.1:\(socks.port)"])
            }
        }

        @Test func unreadableProxyCAIsReportedAsTheProxys() async throws {
            let outcome = try await echo(
                "ws://127.0.0.1:9/",
                through: try ProxyAgent(uri: "https://127.0.0.1:9", proxyTLS: TLSOptions(caFile: "/nonexistent/ca.pem")))
            expectFailure(outcome, cause: .tls, containing: ["TLS to https proxy 127.0.0.1:9", "/nonexistent/ca.pem"])
        }
    }
}
