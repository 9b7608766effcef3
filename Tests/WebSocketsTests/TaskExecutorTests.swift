import ClientTestSupport
import Foundation
import Testing
import WebSocketServer
import WebSockets

/// `taskExecutor` of `WebSocketStream` and `WebSocket`: a task that prefers it reads and writes on the
/// connection's own thread, and everything the APIs promise (order, backpressure, cancellation, closing) still
/// holds there.
@Suite("The connection's task executor")
struct TaskExecutorTests {
    /// The name NIO gave the calling thread ("NIO-…" on an event loop), as Linux reports it; the cooperative
    /// pool's threads have other names.
    private static func threadName() -> String {
        let name = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? "unknown"
        return name.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("Writes and reads resume on the connection's event-loop thread, and the echo arrives in order")
    func resumesOnConnectionThread() async throws {
        let server = try await TestServer.start()
        let stream = try WebSocketStream(url: server.url + "/echo")
        let threads = try await withTimeout(.seconds(15), "echo on the loop") { () -> Set<String> in
            try await withTaskExecutorPreference(stream.taskExecutor) {
                var threads: Set<String> = []
                let connection = try await stream.opened
                threads.insert(Self.threadName())
                var iterator = connection.readable.makeAsyncIterator()
                for index in 0..<200 {
                    // Every tenth message is large enough to take several reads and a partial write.
                    let payload = [UInt8](repeating: UInt8(index & 0xFF), count: index % 10 == 0 ? 300_000 : 16)
                    try await connection.writable.write(payload)
                    threads.insert(Self.threadName())
                    #expect(try await iterator.next() == .binary(payload), "echo \(index)")
                    threads.insert(Self.threadName())
                }
                try stream.close(code: 1000)
                #expect(try await iterator.next() == nil)
                _ = try await stream.closed
                threads.insert(Self.threadName())
                return threads
            }
        }
        #expect(threads.count == 1, "resumed on \(threads.sorted())")
        #expect(threads.allSatisfy { $0.hasPrefix("NIO-") }, "resumed on \(threads.sorted())")
        try await server.stopWithin()
    }

    @Test("A slow reader on the connection's thread still holds the buffer under the high-water mark")
    func backpressureOnConnectionThread() async throws {
        try await WebSocketStreamTests.checkSlowReader(onConnectionThread: true)
    }

    @Test("Cancelling a reader waiting on the connection's thread throws CancellationError, and the stream still closes")
    func cancelWaitingReader() async throws {
        let server = try await TestServer.start()
        // The echo route sends nothing until written to, so the reader waits.
        let stream = try WebSocketStream(url: server.url + "/echo")
        let connection = try await withTimeout(.seconds(15), "open") { try await stream.opened }
        let reader = Task(executorPreference: stream.taskExecutor) {
            var iterator = connection.readable.makeAsyncIterator()
            return try await iterator.next()
        }
        try await Task.sleep(for: .milliseconds(100))
        reader.cancel()
        let outcome = try await withTimeout(.seconds(5), "cancelled read") { await reader.result }
        #expect(throws: CancellationError.self) { try outcome.get() }
        try stream.close(code: 1000)
        let info = try await withTimeout(.seconds(5), "close") { try await stream.closed }
        #expect(info.closeCode == 1000)
        try await server.stopWithin()
    }

    @Test("WebSocket's events, taken on its task executor, arrive on the connection's thread, in order")
    func eventsOnConnectionThread() async throws {
        let server = try await TestServer.start()
        let ws = try WebSocket(url: server.url + "/echo", options: WebSocketInit(binaryType: .bytes))
        let (threads, events) = try await withTimeout(.seconds(15), "events on the loop") {
            () -> (Set<String>, [WebSocketEvent]) in
            await withTaskExecutorPreference(ws.taskExecutor) {
                var threads: Set<String> = []
                var events: [WebSocketEvent] = []
                for await event in ws.events {
                    threads.insert(Self.threadName())
                    events.append(event)
                    switch event {
                    case .open: for index in 0..<100 { try? ws.send([UInt8(index)]) }
                    case .message(let message) where message.data == .bytes([99]): try? ws.close(code: 1000)
                    default: break
                    }
                }
                return (threads, events)
            }
        }
        #expect(threads.count == 1, "resumed on \(threads.sorted())")
        #expect(threads.allSatisfy { $0.hasPrefix("NIO-") }, "resumed on \(threads.sorted())")
        #expect(events.messages == (0..<100).map { .bytes([UInt8($0)]) })
        #expect(events.closeEvent?.wasClean == true)
        try await server.stopWithin()
    }
}
