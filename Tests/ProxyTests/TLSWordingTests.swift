import Testing
import WebSockets

extension RealPeerTests {
    /// Issue 24, "errors in the user's words": each TLS failure against a real peer (Python `ssl` behind
    /// `websockets`, a plain HTTP server, a TLS port spoken to in plain text) reads as one sentence with the peer and
    /// the next step, and holds no library type name, BoringSSL code or build path.
    @Suite("TLS failures in words")
    struct TLSWordingTests {
        static func expectPlainWords(_ outcome: Outcome, sourceLocation: SourceLocation = #_sourceLocation) {
            let message = outcome.errorMessage ?? ""
            for leak in ["NIO", "BoringSSL", "Error(", "error:", ".swift", ".cc", "/.build/", "handshakeFailed", "sslError"] {
                #expect(!message.contains(leak), "\(leak) in \(message)", sourceLocation: sourceLocation)
            }
        }

        @Test func untrustedIssuerSaysHowToTrustIt() async throws {
            let directory = try TemporaryDirectory()
            let certificates = try await TestCertificates.make(in: directory)
            let server = try await TLSEchoServer(certificates: certificates, directory: directory)
            defer { server.stop() }
            let outcome = try await echo("wss://localhost:\(server.port)/", through: Agent())
            expectFailure(
                outcome, cause: .tls,
                containing: [
                    "TLS: certificate for localhost not trusted (its issuer is not a trusted CA; give the CA's certificate to trust it) (localhost:\(server.port))"
                ])
            #expect(!(outcome.errorMessage ?? "").contains("client certificate"), "\(outcome.errorMessage ?? "")")
            Self.expectPlainWords(outcome)
        }

        @Test(
            "a certificate out of its dates says so, with the date",
            arguments: [
                ("expired", -3, -1, "certificate for localhost expired on "),
                ("not-yet-valid", 1, 3, "certificate for localhost is not valid until "),
            ])
        func certificateOutOfItsDates(name: String, startDays: Int, endDays: Int, words: String) async throws {
            let directory = try TemporaryDirectory()
            let certificates = try await TestCertificates.make(in: directory)
            let (file, key) = (directory.path("\(name).pem"), directory.path("\(name).key"))
            try await Tools.run(
                try Tools.python(),
                [
                    Tools.peer("dated_certificate.py"), certificates.caFile, directory.path("ca.key"), file, key, "\(startDays)",
                    "\(endDays)",
                ],
                in: directory.url)
            let server = try await TLSEchoServer(
                certificates: certificates, presenting: .files(certificate: file, key: key), directory: directory)
            defer { server.stop() }
            let outcome = try await echo("wss://localhost:\(server.port)/", through: Agent(tls: TLSOptions(caFile: certificates.caFile)))
            expectFailure(outcome, cause: .tls, containing: ["TLS: \(words)", "(localhost:\(server.port))"])
            #expect(!(outcome.errorMessage ?? "").contains("not trusted"), "\(outcome.errorMessage ?? "")")
            Self.expectPlainWords(outcome)
        }

        @Test func selfSignedCertificateSaysSo() async throws {
            let directory = try TemporaryDirectory()
            let certificates = try await TestCertificates.make(in: directory)
            try await Tools.run(
                try Tools.require("openssl"),
                [
                    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "self.key",
                    "-out", "self.pem", "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
                ], in: directory.url)
            let server = try await TLSEchoServer(
                certificates: certificates, presenting: .files(certificate: directory.path("self.pem"), key: directory.path("self.key")),
                directory: directory)
            defer { server.stop() }
            let outcome = try await echo("wss://localhost:\(server.port)/", through: Agent())
            expectFailure(
                outcome, cause: .tls,
                containing: [
                    "TLS: certificate for localhost is self-signed and not trusted (give that certificate as the CA to trust it) (localhost:\(server.port))"
                ])
            Self.expectPlainWords(outcome)
            // Trusting the certificate itself works: the advice is right.
            expectEcho(
                try await echo("wss://localhost:\(server.port)/", through: Agent(tls: TLSOptions(caFile: directory.path("self.pem")))))
        }

        @Test func clientCertificateRequiredAndNotGiven() async throws {
            let directory = try TemporaryDirectory()
            let certificates = try await TestCertificates.make(in: directory)
            let server = try await TLSEchoServer(certificates: certificates, requireClientCertificate: true, directory: directory)
            defer { server.stop() }
            let outcome = try await echo("wss://localhost:\(server.port)/", through: Agent(tls: TLSOptions(caFile: certificates.caFile)))
            // TLS 1.3: the server finds the certificate missing after our handshake is done, and hangs up.
            expectFailure(
                outcome, cause: .tls,
                containing: [
                    "TLS: localhost:\(server.port) ended the TLS session right after the handshake, before answering the upgrade request; no client certificate was configured, and the server may require one"
                ])
            Self.expectPlainWords(outcome)
        }

        @Test func clientCertificateRejected() async throws {
            let directory = try TemporaryDirectory()
            let certificates = try await TestCertificates.make(in: directory)
            // The server trusts only the other CA, which did not sign our client certificate.
            let server = try await TLSEchoServer(
                certificates: certificates, requireClientCertificate: true, clientCA: certificates.otherCAFile, directory: directory)
            defer { server.stop() }
            let options = TLSOptions(
                caFile: certificates.caFile, certificateFile: certificates.clientCertificate, keyFile: certificates.clientKey)
            let outcome = try await echo("wss://localhost:\(server.port)/", through: Agent(tls: options))
            expectFailure(
                outcome, cause: .tls,
                containing: [
                    "TLS: localhost:\(server.port) ended the TLS session right after the handshake, before answering the upgrade request; the server may have refused the client certificate"
                ])
            Self.expectPlainWords(outcome)
        }

        @Test func noSharedTLSVersion() async throws {
            let directory = try TemporaryDirectory()
            let certificates = try await TestCertificates.make(in: directory)
            let server = try await TLSEchoServer(certificates: certificates, maxTLS12: true, directory: directory)
            defer { server.stop() }
            let options = TLSOptions(caFile: certificates.caFile, minimumVersion: .tls13)
            let outcome = try await echo("wss://localhost:\(server.port)/", through: Agent(tls: options))
            // Python's server hangs up without a protocol_version alert, as a non-TLS port would: both are named.
            expectFailure(
                outcome, cause: .tls,
                containing: [
                    "TLS: the peer closed the connection during the TLS handshake: it is not a TLS port, or it accepts none of our TLS versions and ciphers (localhost:\(server.port))"
                ])
            Self.expectPlainWords(outcome)
        }

        @Test func plainHTTPOnATLSPort() async throws {
            let directory = try TemporaryDirectory()
            let peer = try await HostilePeer(.plainHTTP, directory: directory)
            defer { peer.stop() }
            let outcome = try await echo("wss://127.0.0.1:\(peer.port)/", through: Agent())
            expectFailure(
                outcome, cause: .tls, containing: ["the peer does not speak TLS (is it a plain-text port? then use ws:// or http://)"])
            Self.expectPlainWords(outcome)
        }

        @Test func plainWebSocketOnATLSPort() async throws {
            let directory = try TemporaryDirectory()
            let certificates = try await TestCertificates.make(in: directory)
            let server = try await TLSEchoServer(certificates: certificates, directory: directory)
            defer { server.stop() }
            let outcome = try await echo("ws://localhost:\(server.port)/", through: Agent())
            expectFailure(outcome, containing: ["connection to localhost:\(server.port) closed during the opening handshake"])
            Self.expectPlainWords(outcome)
        }
    }
}
