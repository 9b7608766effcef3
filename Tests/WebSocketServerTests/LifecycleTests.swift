import Testing
import WebSocketCore
import WebSocketServer

@Suite("start and stop")
struct LifecycleTests {
    @Test func urlNamesHostAndPort() async throws {
        let server = try await TestServer.start()
        #expect(server.host == "127.0.0.1")
        #expect(server.port > 0)
        #expect(server.url == "ws://127.0.0.1:\(server.port)")
        try await server.stop()
    }

    @Test func stopClosesTheListenerAndOpenConnections() async throws {
        let server = try await TestServer.start()
        let client = try TestClient(port: server.port)
        try client.send(text: "before")
        #expect(try client.nextMessage() == .text("before"))
        try await server.stop()
        let close = try client.nextClose()
        #expect(close.code == CloseCode.goingAway)
        try client.waitForEndOfStream()
        #expect(throws: SocketError.self) { try BlockingSocket(port: server.port) }
        try await server.stop()  // idempotent
    }
}
