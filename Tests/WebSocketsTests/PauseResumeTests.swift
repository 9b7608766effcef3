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

    @Test("a WebSocket watched only by its wire tap builds no messages, yet pause() still stops it at once")
    func tapOnlyPause() async throws {
        let server = try await TestServer.start()
        let count = 400
        let pausedAt = 10
        let frames = Recorder<Int>()
        let socket = Recorder<WebSocket>()
        let tap: WireTap = { record in
            guard record.direction == .received, case .frame(let frame) = record.content,
                frame.header.opcode == .binary
            else { return }
            frames.append(frame.payload.count)
            // The tap runs on the event loop, like a callback: a pause here must stop the very next frame.
            if frames.values.count == pausedAt { socket.values.first?.pause() }
        }
        let ws = try WebSocket(
            url: server.url + "/flood?count=\(count)&size=65536&type=binary&close=1&deflate=0",
            options: WebSocketInit(binaryType: .bytes, tap: tap))
        socket.append(ws)
        let closes = Recorder<CloseEvent>()
        // No onmessage: nobody would see a message, so the connection checks them without building them.
        ws.setCallbacks(onclose: { closes.append($0) })
        try await withTimeout(.seconds(10), "the first \(pausedAt) frames") {
            while frames.values.count < pausedAt { try await Task.sleep(for: .milliseconds(5)) }
        }
        try await Task.sleep(for: .milliseconds(400))
        #expect(frames.values.count == pausedAt, "frames arrived while paused")
        #expect(server.statistics.writeStalls > 0, "the server never saw its writes block")
        ws.resume()
        try await withTimeout(.seconds(30), "the rest of the flood") {
            while closes.values.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(frames.values.count == count)
        #expect(closes.values == [CloseEvent(wasClean: true, code: 1000, reason: "flood done")])
        try await server.stopWithin()
    }

    @Test("an onmessage callback set after the first messages hears every later one, and only those")
    func listenerAddedLater() async throws {
        let server = try await TestServer.start()
        let received = Recorder<String>()
        let tap: WireTap = { record in
            guard record.direction == .received, case .frame(let frame) = record.content,
                frame.header.opcode == .text
            else { return }
            received.append(String(decoding: frame.payload, as: UTF8.self))
        }
        let ws = try WebSocket(url: server.url + "/echo", options: WebSocketInit(binaryType: .bytes, tap: tap))
        let opened = Recorder<Bool>()
        ws.setCallbacks(onopen: { _ in opened.append(true) })
        try await withTimeout(.seconds(10), "open") {
            while opened.values.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        }
        try ws.send("unheard")
        try await withTimeout(.seconds(10), "the first echo") {
            while received.values.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        }
        // The pong is handled after the echo, so by now the echo's fate (no listener: dropped) is settled.
        _ = try await ws.ping()
        let later = Recorder<String>()
        ws.setCallbacks(onopen: { _ in opened.append(true) }, onmessage: { later.append($0.data.text ?? "") })
        for index in 0..<5 { try ws.send("heard \(index)") }
        try await withTimeout(.seconds(10), "the echoes") {
            while later.values.count < 5 { try await Task.sleep(for: .milliseconds(5)) }
        }
        #expect(later.values == (0..<5).map { "heard \($0)" })
        try ws.close()
        try await server.stopWithin()
    }
}

/// A server that sends messages and then hangs up (a FIN, no Close frame) while the application is not taking
/// messages: what it sent is delivered before the ending, never dropped with the connection.
@Suite("Messages before a hang-up")
struct MessagesBeforeHangUpTests {
    static let sent = (1...3).map { "message \($0) of 3, then a FIN without a Close" }

    @Test("a consumer that starts listening after the server hung up still gets every message, then the close")
    func lateListener() async throws {
        let server = try await TestServer.start()
        let ws = try WebSocket(url: server.url + "/abuse/half-close")
        // Nobody listens yet: the connection holds the frames, and the server's FIN arrives meanwhile.
        try await Task.sleep(for: .milliseconds(500))
        let events = ws.events
        let (texts, close) = try await withTimeout(.seconds(10), "the close event") {
            var texts: [String] = []
            var close: CloseEvent?
            for await event in events {
                switch event {
                case .message(let message): if case .text(let text) = message.data { texts.append(text) }
                case .close(let event): close = event
                default: break
                }
            }
            return (texts, close)
        }
        #expect(texts == Self.sent)
        #expect(close?.code == 1006 && close?.wasClean == false)
        #expect(ws.readyState == .closed)
        try await server.stopWithin()
    }

    @Test("an application paused when the server hung up gets the rest after resume(), then the close")
    func pausedListener() async throws {
        let server = try await TestServer.start()
        let ws = try WebSocket(url: server.url + "/abuse/half-close")
        let texts = Recorder<String>()
        let closes = Recorder<CloseEvent>()
        ws.setCallbacks(
            onmessage: { event in
                if case .text(let text) = event.data { texts.append(text) }
                if texts.values.count == 1 { ws.pause() }
            },
            onclose: { closes.append($0) })
        try await withTimeout(.seconds(10), "the first message") {
            while texts.values.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        }
        try await Task.sleep(for: .milliseconds(400))
        #expect(texts.values.count == 1, "messages arrived while paused")
        #expect(closes.values.isEmpty, "the close overtook the held-back messages")
        #expect(ws.readyState == .closing)
        ws.resume()
        try await withTimeout(.seconds(10), "the close event") {
            while closes.values.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        }
        #expect(texts.values == Self.sent)
        #expect(closes.values.first?.code == 1006)
        #expect(ws.readyState == .closed)
        try await server.stopWithin()
    }
}
