import WebSocketServer

/// Runs `body` against a fresh server on 127.0.0.1 with a system-picked port, and stops the server afterwards
/// whether or not the body threw.
func withServer(_ body: (TestServer) async throws -> Void) async throws {
    let server = try await TestServer.start()
    do {
        try await body(server)
    } catch {
        try await server.stop()
        throw error
    }
    try await server.stop()
}
