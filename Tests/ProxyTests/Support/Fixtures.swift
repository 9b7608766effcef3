import Foundation
import Testing
import WebSocketServer
import WebSockets

/// The tests against real proxies and TLS servers, one at a time: they start processes, and two shared cores
/// are easily swamped. Each suite below is nested here through an extension.
@Suite("Real proxies and TLS peers", .serialized, .timeLimit(.minutes(3)))
enum RealPeerTests {}

/// Runs `body` with the project's echo server on 127.0.0.1, stopping it afterwards even on failure.
func withEchoServer<T: Sendable>(_ body: (TestServer) async throws -> T) async throws -> T {
    let server = try await TestServer.start()
    do {
        let result = try await body(server)
        try await server.stop()
        return result
    } catch {
        try? await server.stop()
        throw error
    }
}
