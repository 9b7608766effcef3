import Testing
import WebSockets

extension RealPeerTests {
    /// TLS to the target with a CA and certificates made by openssl at test time, against a Python `websockets`
    /// TLS server: trust, insecure mode, server-name override, and mutual TLS.
    @Suite("TLS to the target")
    struct TargetTLSTests {
        @Test func verification() async throws {
            let directory = try TemporaryDirectory()
            let certificates = try await TestCertificates.make(in: directory)
            let server = try await TLSEchoServer(certificates: certificates, directory: directory)
            defer { server.stop() }
            let url = "wss://localhost:\(server.port)/"

            expectEcho(try await echo(url, through: Agent(tls: TLSOptions(caFile: certificates.caFile))))

            let systemStore = try await echo(url, through: Agent())
            expectFailure(systemStore, cause: .tls, containing: ["not trusted"])

            let otherCA = try await echo(url, through: Agent(tls: TLSOptions(caFile: certificates.otherCAFile)))
            expectFailure(otherCA, cause: .tls, containing: ["not trusted"])

            expectEcho(try await echo(url, through: Agent(tls: TLSOptions(insecure: true))))

            let minimum13 = try await echo(url, through: Agent(tls: TLSOptions(caFile: certificates.caFile, minimumVersion: .tls13)))
            expectEcho(minimum13)
        }

        @Test func serverNameOverride() async throws {
            let directory = try TemporaryDirectory()
            let certificates = try await TestCertificates.make(in: directory)
            let server = try await TLSEchoServer(certificates: certificates, directory: directory)
            defer { server.stop() }
            // The certificate names localhost and wss.test but no IP address.
            let byIP = "wss://127.0.0.1:\(server.port)/"
            let mismatch = try await echo(byIP, through: Agent(tls: TLSOptions(caFile: certificates.caFile)))
            #expect(mismatch.names == ["error", "close"])
            #expect(mismatch.errorCause == .tls)

            expectEcho(try await echo(byIP, through: Agent(tls: TLSOptions(caFile: certificates.caFile, serverName: "wss.test"))))

            let wrongName = try await echo(
                byIP, through: Agent(tls: TLSOptions(caFile: certificates.caFile, serverName: "other.test")))
            expectFailure(wrongName, cause: .tls, containing: ["other.test"])
        }

        @Test func mutualTLS() async throws {
            let directory = try TemporaryDirectory()
            let certificates = try await TestCertificates.make(in: directory)
            let server = try await TLSEchoServer(certificates: certificates, requireClientCertificate: true, directory: directory)
            defer { server.stop() }
            let url = "wss://localhost:\(server.port)/"
            let withCertificate = TLSOptions(
                caFile: certificates.caFile, certificateFile: certificates.clientCertificate, keyFile: certificates.clientKey)
            expectEcho(try await echo(url, through: Agent(tls: withCertificate)))

            let without = try await echo(url, through: Agent(tls: TLSOptions(caFile: certificates.caFile)))
            #expect(without.names == ["error", "close"])
            #expect(without.errorCause == .tls, "error: \(without.errorMessage ?? "none")")

            // Through a proxy the failure is named as the target's, and explains the missing certificate.
            let proxy = try await Tinyproxy(connectPorts: [server.port], directory: directory)
            defer { proxy.stop() }
            expectEcho(try await echo(url, through: try ProxyAgent(uri: "http://127.0.0.1:\(proxy.port)", tls: withCertificate)))
            let proxied = try await echo(
                url, through: try ProxyAgent(uri: "http://127.0.0.1:\(proxy.port)", tls: TLSOptions(caFile: certificates.caFile)))
            expectFailure(
                proxied, cause: .tls,
                containing: ["TLS to target localhost:\(server.port)", "client certificate"])
        }

        @Test func unreadableClientKeyFailsClearly() async throws {
            let outcome = try await echo(
                "wss://127.0.0.1:9/",
                through: Agent(tls: TLSOptions(certificateFile: "/nonexistent/client.pem", keyFile: "/nonexistent/client.key")))
            expectFailure(outcome, cause: .tls, containing: ["/nonexistent/client.pem"])
        }
    }
}
