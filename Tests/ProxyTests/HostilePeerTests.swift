import Testing
import WebSockets

extension RealPeerTests {
    /// Proxies and servers that answer almost correctly: each answer must be refused with a sentence naming the
    /// broken rule, and nothing of the WebSocket exchange may follow it.
    @Suite("Hostile proxies and servers")
    struct HostilePeerTests {
        @Test func socks5ReplyWithAnUnknownAddressTypeIsRefused() async throws {
            let directory = try TemporaryDirectory()
            let peer = try await HostilePeer(.socksUnknownAddressType, directory: directory)
            defer { peer.stop() }
            let outcome = try await echo(
                "ws://localhost:8080/", through: try Socks5ProxyAgent(uri: "socks5h://127.0.0.1:\(peer.port)"), limit: .seconds(15))
            expectFailure(
                outcome, cause: .proxy,
                containing: ["SOCKS5 proxy 127.0.0.1:\(peer.port) answered CONNECT with address type 0x07"])
            #expect(!peer.captured.contains("GET /"), "the upgrade request went to the proxy: \(peer.captured)")
        }

        @Test func socks5AuthenticationReplyWithTheWrongVersionIsRefused() async throws {
            let directory = try TemporaryDirectory()
            let peer = try await HostilePeer(.socksBadAuthVersion, directory: directory)
            defer { peer.stop() }
            let outcome = try await echo(
                "ws://localhost:8080/", through: try Socks5ProxyAgent(uri: "socks5h://carol:pa55@127.0.0.1:\(peer.port)"),
                limit: .seconds(15))
            expectFailure(outcome, cause: .proxy, containing: ["username/password step with version 0x05, not 0x01"])
            #expect(peer.captured.isEmpty, "the client went on after the bad reply: \(peer.captured)")
        }

        @Test(
            "each SOCKS5 refusal code is named in RFC 1928's words",
            arguments: [
                (UInt8(1), "general SOCKS server failure"), (2, "connection not allowed by ruleset"), (3, "network unreachable"),
                (4, "host unreachable"), (5, "connection refused by destination host"), (6, "TTL expired"),
                (7, "command not supported"), (8, "address type not supported"), (9, "unassigned reply code"),
            ])
        func socks5RefusalCodes(code: UInt8, words: String) async throws {
            let directory = try TemporaryDirectory()
            let peer = try await HostilePeer(.socksReply, replyCode: code, directory: directory)
            defer { peer.stop() }
            let outcome = try await echo(
                "ws://localhost:8080/", through: try Socks5ProxyAgent(uri: "socks5h://127.0.0.1:\(peer.port)"), limit: .seconds(15))
            expectFailure(
                outcome, cause: .proxy, containing: ["127.0.0.1:\(peer.port)", "\(words) (reply 0x0\(code))"])
            #expect(peer.captured.isEmpty, "the client went on after the refusal: \(peer.captured)")
        }

        @Test func socks5CredentialsRefused() async throws {
            let directory = try TemporaryDirectory()
            let peer = try await HostilePeer(.socksAuthRefused, directory: directory)
            defer { peer.stop() }
            let outcome = try await echo(
                "ws://localhost:8080/", through: try Socks5ProxyAgent(uri: "socks5h://carol:wrong@127.0.0.1:\(peer.port)"),
                limit: .seconds(15))
            expectFailure(
                outcome, cause: .proxy,
                containing: ["SOCKS5 proxy 127.0.0.1:\(peer.port) rejected the username and password (RFC 1929 status 0x01)"])
            #expect(!(outcome.errorMessage ?? "").contains("wrong"), "the password is shown: \(outcome.errorMessage ?? "")")
        }

        @Test func responseHeadOverTheLimitIsRefusedEvenInOneRead() async throws {
            let directory = try TemporaryDirectory()
            let peer = try await HostilePeer(.hugeHead, directory: directory)
            defer { peer.stop() }
            let outcome = try await echo("ws://127.0.0.1:\(peer.port)/", through: Agent(), limit: .seconds(15))
            expectFailure(outcome, containing: ["HTTP head longer than 16 KiB"])
        }

        /// A TLS port that takes the ClientHello and never answers: the handshake timeout ends it, and says the
        /// connection was made but TLS did not finish.
        @Test func tlsThatStallsMidHandshakeTimesOutNamingTheStage() async throws {
            let directory = try TemporaryDirectory()
            let peer = try await HostilePeer(.tlsStall, directory: directory)
            defer { peer.stop() }
            let outcome = try await echo(
                "wss://127.0.0.1:\(peer.port)/", through: Agent(limits: ConnectionLimits(handshakeTimeout: .seconds(2))),
                limit: .seconds(20))
            expectFailure(
                outcome, cause: .timeout,
                containing: [
                    "handshake timeout: no WebSocket handshake with 127.0.0.1:\(peer.port) within 2 s (connected, but the TLS handshake or proxy tunnel did not finish)"
                ])
        }

        /// A proxy that takes the `CONNECT` and never answers it: the handshake timeout ends it at the tunnel stage.
        @Test func proxyThatNeverAnswersConnectTimesOutNamingTheStage() async throws {
            let directory = try TemporaryDirectory()
            let peer = try await HostilePeer(.tlsStall, directory: directory)  // reads what arrives, answers nothing
            defer { peer.stop() }
            let agent = try ProxyAgent(uri: "http://127.0.0.1:\(peer.port)", limits: ConnectionLimits(handshakeTimeout: .seconds(2)))
            let outcome = try await echo("ws://localhost:8080/", through: agent, limit: .seconds(20))
            expectFailure(
                outcome, cause: .timeout,
                containing: [
                    "handshake timeout: no WebSocket handshake with localhost:8080 within 2 s (connected, but the TLS handshake or proxy tunnel did not finish)"
                ])
        }

        /// RFC 6455 §7.1.4: once both Close frames have crossed, the close is clean, however TCP then ends; a
        /// server that resets after the closing handshake was reported as 1006 "connection reset by peer".
        @Test func resetAfterTheClosingHandshakeIsStillClean() async throws {
            let directory = try TemporaryDirectory()
            let peer = try await HostilePeer(.closeThenReset, directory: directory)
            defer { peer.stop() }
            let outcome = try await echo("ws://127.0.0.1:\(peer.port)/", through: Agent(), limit: .seconds(15))
            #expect(outcome.names == ["open", "close"], "events: \(outcome.names), error: \(outcome.errorMessage ?? "none")")
            guard case .close(let close)? = outcome.events.last else { return }
            #expect(close.wasClean && close.code == 1000, "\(close)")
        }
    }
}
