import Testing
import WebSockets

extension RealPeerTests {
    /// squid's stock rule `http_access deny CONNECT !SSL_ports` refuses a tunnel to a port other than 443; the
    /// error must say so, and a configuration that allows the port must pass.
    @Suite("squid")
    struct SquidTests {
        @Test func connectToNon443PortIsDeniedByDefault() async throws {
            let directory = try TemporaryDirectory()
            try await withEchoServer { server in
                let squid = try await Squid(directory: directory)
                defer { squid.stop() }
                let outcome = try await echo(
                    "ws://127.0.0.1:\(server.port)/", through: try ProxyAgent(uri: "http://127.0.0.1:\(squid.port)"))
                expectFailure(
                    outcome, cause: .proxy,
                    containing: ["proxy 127.0.0.1:\(squid.port) answered 403 Forbidden", "ERR_ACCESS_DENIED"])
                #expect(outcome.proxyTranscript.last?.hasPrefix("< HTTP/1.1 403 Forbidden") == true)
            }
        }

        @Test func connectAllowedByConfiguration() async throws {
            let directory = try TemporaryDirectory()
            try await withEchoServer { server in
                let squid = try await Squid(allowConnectTo: [server.port], directory: directory)
                defer { squid.stop() }
                let outcome = try await echo(
                    "ws://127.0.0.1:\(server.port)/", through: try ProxyAgent(uri: "http://127.0.0.1:\(squid.port)"))
                expectEcho(outcome)
                #expect(outcome.proxyTranscript.last?.hasPrefix("< HTTP/1.1 200") == true)
            }
        }
    }
}
