import ClientTestSupport
import Foundation
import ProcessTestSupport
import Relay
import Testing
import WebSocketServer
import WebSockets

/// `wss://` on the relay's listening side: a Python client that trusts only a test CA talks through it to a
/// Python server, and certificate files that will not do stop `wsinspect relay` with one sentence and status 2.
@Suite(.serialized) struct RelayTLSTests {
    @Test func aPythonClientTalksThroughAWssRelayToAPythonServer() async throws {
        let certificates = try await RelayCertificates.make()
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("relay-tls-\(UUID().uuidString.prefix(8)).jsonl")
        let python = try PeerProcess.python()
        let serverPeer = try PeerProcess.start(python, [PeerProcess.script("relay_peer.py"), "server", report.path])
        let port = try await serverPeer.port()
        let tls = try ListenerTLS.load(certificateFile: certificates.certificate, keyFile: certificates.key)
        let relay = try await startRelay(upstream: "ws://127.0.0.1:\(port)") { $0.listenTLS = tls }
        #expect(relay.url.hasPrefix("wss://127.0.0.1:"))
        let result = try await runClientPeer(
            python, [PeerProcess.script("relay_peer.py"), "client", "\(relay.url)/secure", "--ca", certificates.caFile])
        #expect((result["echoes"] as? [String: Bool])?.count == RelayPeerTests.pythonMessages.count)
        #expect((result["echoes"] as? [String: Bool] ?? [:]).values.allSatisfy { $0 })
        let entry = try await RelayPeerTests().serverReport(report, count: 1)[0]
        #expect(entry["path"] as? String == "/secure")
        let received = (entry["messages"] as? [[String: Any]] ?? []).map(RelayPeerTests.summary)
        #expect(received == (try await RelayPeerTests().expectedMessages()))
        #expect(entry["close_code"] as? Int == 4000)
        try await relay.stopWithin()
    }

    @Test func aPlainClientCannotTalkToAWssRelay() async throws {
        let certificates = try await RelayCertificates.make()
        let server = try await TestServer.start()
        let tls = try ListenerTLS.load(certificateFile: certificates.certificate, keyFile: certificates.key)
        let relay = try await startRelay(upstream: server.url) { $0.listenTLS = tls }
        let plain = relay.url.replacingOccurrences(of: "wss://", with: "ws://")
        await #expect(throws: (any Error).self) { _ = try await openStream(plain) }
        try await relay.stopWithin()
        try await server.stopWithin()
    }

    @Test func theTestServerSpeaksWssToTheLibraryWhenItTrustsTheCA() async throws {
        let certificates = try await RelayCertificates.make()
        let tls = try ListenerTLS.load(certificateFile: certificates.certificate, keyFile: certificates.key)
        let server = try await TestServer.start(tls: tls)
        #expect(server.url.hasPrefix("wss://127.0.0.1:"))
        let url = "wss://localhost:\(server.port)/echo"
        let trusting = try WebSocketStream(
            url: url, options: WebSocketStreamOptions(dispatcher: Agent(tls: TLSOptions(caFile: certificates.caFile))))
        let connection = try await withTimeout(.seconds(20), "opening \(url)") { try await trusting.opened }
        let echo = try await withTimeout(.seconds(10), "the echo") {
            try await connection.writable.write("over TLS")
            var iterator = connection.readable.makeAsyncIterator()
            return try await iterator.next()
        }
        #expect(echo == .text("over TLS"))
        try trusting.close(code: 1000, reason: "bye")
        // The system's trust store does not hold the test CA.
        let untrusting = try WebSocketStream(url: url)
        await #expect(throws: (any Error).self) {
            _ = try await withTimeout(.seconds(20), "opening \(url)") { try await untrusting.opened }
        }
        try await server.stopWithin()
    }

    @Test func unusableCertificateFilesExitWithStatus2AndOneSentence() async throws {
        let certificates = try await RelayCertificates.make()
        let binary = try Binary.wsinspect()
        let base = ["relay", "--listen", "127.0.0.1:0", "--upstream", "ws://127.0.0.1:1"]
        let cases: [(arguments: [String], words: String)] = [
            (["--listen-cert", certificates.certificate, "--listen-key", certificates.otherKey], "is not the key of --listen-cert"),
            (["--listen-cert", "/nonexistent/cert.pem", "--listen-key", certificates.key], "cannot read it (it does not exist)"),
            (["--listen-cert", certificates.key, "--listen-key", certificates.key], "no PEM certificate in it"),
            (["--listen-cert", certificates.certificate, "--listen-key", certificates.caFile], "no PEM private key in it"),
            (["--listen-cert", certificates.certificate], "go together"),
        ]
        for (arguments, words) in cases {
            // Spawn keeps only stdout; the error is on stderr.
            let result = try Spawn.run("/bin/sh", ["-c", "exec \"$0\" \"$@\" 2>&1", binary] + base + arguments, captureOutput: true)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.output.contains(words), "\(arguments): \(result.output)")
        }
    }
}
