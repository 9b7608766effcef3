import ClientTestSupport
import Foundation
import Testing
import WebSocketServer
import WebSockets

/// `pause()` / `resume()`: flow control on the event API, checked from the server's side too.
@Suite("WebSocket pause and resume")
struct PauseResumeTests {
    @Test("pause() from a callback stops delivery at once and pushes back on the server; resume() delivers the rest")
    func pauseAndResume() async throws {
        let server = try await TestServer.start()
        let count = 400
        let pausedAt = 10
        let ws = try WebSocket(
            url: server.url + "/flood?count=\(count)&size=65536&type=binary&close=1&deflate=0",
            options: WebSocketInit(binaryType: .bytes))
        let sizes = Recorder<Int>()
        let closes = Recorder<CloseEvent>()
        // Callbacks run on the connection's event loop, so this counts deliveries exactly, with no buffering
        // between the connection and the count.
        ws.setCallbacks(
            onmessage: { event in
                sizes.append(event.data.bytes.count)
                if sizes.values.count == pausedAt { ws.pause() }
            },
            onclose: { closes.append($0) })
        try await withTimeout(.seconds(10), "the first \(pausedAt) messages") {
            while sizes.values.count < pausedAt { try await Task.sleep(for: .milliseconds(5)) }
        }
        try await Task.sleep(for: .milliseconds(400))
        #expect(ws.isPaused)
        #expect(sizes.values.count == pausedAt, "messages arrived while paused")
        #expect(server.statistics.writeStalls > 0, "the server never saw its writes block")
        ws.resume()
        try await withTimeout(.seconds(30), "the rest of the flood") {
            while closes.values.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(sizes.values.count == count)
        #expect(sizes.values.allSatisfy { $0 == 65536 })
        #expect(closes.values == [CloseEvent(wasClean: true, code: 1000, reason: "flood done")])
        try await server.stopWithin()
    }
}
