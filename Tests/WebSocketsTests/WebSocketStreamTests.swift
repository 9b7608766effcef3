import ClientTestSupport
import Foundation
import Testing
import WebSocketServer
import WebSockets

/// `WebSocketStream` against the project's own server: open, echo, close, receive backpressure, cancellation,
/// clean and unclean remote closes, and writes after close.
@Suite("WebSocketStream")
struct WebSocketStreamTests {
    @Test("Opens, echoes text and binary in order, reports the subprotocol, closes cleanly")
    func echo() async throws {
        let server = try await TestServer.start()
        let stream = try WebSocketStream(
            url: server.url + "/echo", options: WebSocketStreamOptions(protocols: ["chat", "superchat"]))
        try await withTimeout(.seconds(15), "stream echo") {
            let connection = try await stream.opened
            #expect(connection.protocol == "chat")
            try await connection.writable.write("héllo ✓")
            try await connection.writable.write([0, 1, 2, 255])
            try await connection.writable.write(Data(repeating: 7, count: 300_000))
            var iterator = connection.readable.makeAsyncIterator()
            #expect(try await iterator.next() == .text("héllo ✓"))
            #expect(try await iterator.next() == .binary([0, 1, 2, 255]))
            #expect(try await iterator.next() == .binary([UInt8](repeating: 7, count: 300_000)))
            try stream.close(code: 1000, reason: "done")
            // The server echoes our code without a reason (RFC 6455 §5.5.1 lets it choose).
            #expect(try await stream.closed == WebSocketStream.CloseInfo(closeCode: 1000, reason: ""))
            #expect(try await iterator.next() == nil)
        }
        try await server.stopWithin()
    }

    @Test("Custom headers reach the server through the options")
    func headers() async throws {
        let server = try await TestServer.start()
        let stream = try WebSocketStream(
            url: server.url + "/headers", options: WebSocketStreamOptions(headers: [("X-Trace", "abc123")]))
        try await withTimeout(.seconds(15), "headers") {
            let connection = try await stream.opened
            var iterator = connection.readable.makeAsyncIterator()
            guard case .text(let head) = try await iterator.next() else {
                Issue.record("expected the request head as text")
                return
            }
            #expect(head.contains("X-Trace: abc123\r\n"))
            try stream.close()
            _ = try await stream.closed
        }
        try await server.stopWithin()
    }

    @Test("A slow reader holds the client's buffer under the high-water mark and the server's writes block")
    func receiveBackpressure() async throws {
        try await Self.checkSlowReader(onConnectionThread: false)
    }

    /// Reads 60 messages of a 1 GiB flood, sleeping 10 ms after each, from the cooperative pool or from a task that
    /// prefers the stream's `taskExecutor`: the stream's buffer must stay under the high-water mark (plus one
    /// message) while the server's writes block, and closing must still complete mid-flood.
    static func checkSlowReader(onConnectionThread: Bool) async throws {
        let server = try await TestServer.start()
        let messageSize = 64 << 10
        let highWaterMark = 1 << 20
        // 16384 × 64 KiB = 1 GiB offered; the reader takes only a few, so the rest must stay on the server.
        let stream = try WebSocketStream(
            url: server.url + "/flood?count=16384&size=\(messageSize)&type=binary",
            options: WebSocketStreamOptions(perMessageDeflate: nil, highWaterMark: highWaterMark))
        // nil: no preference, the cooperative pool.
        let executor = onConnectionThread ? stream.taskExecutor : nil
        let peak = try await withTimeout(.seconds(30), "slow reader") { () -> Int in
            try await withTaskExecutorPreference(executor) {
                let connection = try await stream.opened
                var iterator = connection.readable.makeAsyncIterator()
                var peak = 0
                for _ in 0..<60 {
                    guard case .binary(let bytes) = try await iterator.next() else {
                        Issue.record("the flood ended early")
                        return peak
                    }
                    #expect(bytes.count == messageSize)
                    // On the connection's thread, sleeping gives the loop back, so reading goes on until the mark.
                    try await Task.sleep(for: .milliseconds(10))
                    peak = max(peak, stream.bufferedReceiveAmount)
                }
                return peak
            }
        }
        #expect(peak <= highWaterMark + messageSize, "buffered \(peak) bytes")
        #expect(peak >= highWaterMark / 2, "the reader never fell behind: the test proves nothing")
        #expect(server.statistics.writeStalls > 0, "the server never saw its writes block")
        try stream.close(code: 1000)
        // Closing drops what arrives later, so the handshake completes though the flood was still going.
        let closed = try await withTimeout(.seconds(15), "close after flood") { try await stream.closed }
        #expect(closed.closeCode == 1000)
        try await server.stopWithin()
    }

    @Test("A message handed to the reader no longer counts as buffered, even one larger than the high-water mark")
    func handedOutMessagesAreNotBuffered() async throws {
        let server = try await TestServer.start()
        let messageSize = 8 << 10
        // Every message is 8× the mark. If a message the reader has taken still counted, the stream would stall
        // reading after each one until the reader came back.
        let stream = try WebSocketStream(
            url: server.url + "/echo", options: WebSocketStreamOptions(perMessageDeflate: nil, highWaterMark: 1024))
        try await withTimeout(.seconds(15), "echo loop over the mark") {
            let connection = try await stream.opened
            var iterator = connection.readable.makeAsyncIterator()
            for round in 0..<20 {
                let payload = [UInt8](repeating: UInt8(round), count: messageSize)
                try await connection.writable.write(payload)
                #expect(try await iterator.next() == .binary(payload))
                // Nothing else is on its way: the echo of the next message is not asked for yet.
                #expect(stream.bufferedReceiveAmount == 0, "round \(round)")
            }
            try stream.close()
            _ = try await stream.closed
        }
        try await server.stopWithin()
    }

    @Test(
        "A reading loop that breaks early loses nothing: the next loop reads on from where it stopped",
        arguments: [false, true])
    func breakingOutOfAReadLosesNothing(onConnectionThread: Bool) async throws {
        let server = try await TestServer.start()
        let stream = try WebSocketStream(url: server.url + "/echo", options: WebSocketStreamOptions(perMessageDeflate: nil))
        // Text and binary, empty, multi-byte UTF-8, and sizes on both sides of the sizes up to which the stream packs
        // messages into one buffer (1 KiB, or 64 KiB for a reader on the connection's thread), so the batch given
        // back mixes packed and whole messages.
        let sent: [WebSocketStream.Message] = (0..<60).map { index in
            let size = [0, 16, 1023, 1024, 1025, 5000, 70_000][index % 7]
            if index % 2 == 0 { return .binary((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) }) }
            return .text(String(repeating: "é", count: size / 2) + "\(index)")
        }
        let (first, later) = (Array(sent[..<50]), Array(sent[50...]))
        @Sendable func bytes(_ messages: [WebSocketStream.Message]) -> Int { messages.reduce(0) { $0 + $1.byteCount } }
        // nil: no preference, the cooperative pool.
        let executor = onConnectionThread ? stream.taskExecutor : nil
        try await withTimeout(.seconds(15), "two reading loops") {
            try await withTaskExecutorPreference(executor) {
                let connection = try await stream.opened
                func send(_ messages: [WebSocketStream.Message]) async throws {
                    for message in messages {
                        switch message {
                        case .text(let text): try await connection.writable.write(text)
                        case .binary(let bytes): try await connection.writable.write(bytes)
                        }
                    }
                }
                try await send(first)
                // Every echo of `first` is in before the first read, so the first loop takes them all in one batch.
                // The echoes of `later` arrive while that loop holds the batch, so the loop breaks with most of the
                // batch unread and more messages queued behind it: what it gives back goes before those.
                while stream.bufferedReceiveAmount < bytes(first) { try await Task.sleep(for: .milliseconds(5)) }
                var received: [WebSocketStream.Message] = []
                for try await message in connection.readable {
                    received.append(message)
                    guard received.count == 3 else { continue }
                    try await send(later)
                    while stream.bufferedReceiveAmount < bytes(sent) { try await Task.sleep(for: .milliseconds(5)) }
                    break
                }
                try await connection.writable.write("last")
                for try await message in connection.readable {
                    received.append(message)
                    if message == .text("last") { break }
                }
                // Compared message by message: a failure names the first difference instead of printing 300 KB.
                let expected = sent + [.text("last")]
                #expect(received.count == expected.count)
                let firstDifference = zip(received, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                #expect(firstDifference == nil, "message \(firstDifference ?? -1) differs from the one sent")
                #expect(stream.bufferedReceiveAmount == 0)
                try stream.close()
                _ = try await stream.closed
            }
        }
        try await server.stopWithin()
    }

    @Test("Cancelling the task awaiting `opened` aborts the handshake")
    func cancellationBeforeOpen() async throws {
        let server = try await TestServer.start()
        let stream = try WebSocketStream(url: server.url + "/bad/silent")
        let opening = Task { try await stream.opened }
        try await Task.sleep(for: .milliseconds(100))
        opening.cancel()
        let outcome = try await withTimeout(.seconds(5), "cancelled open") { await opening.result }
        #expect(throws: CancellationError.self) { try outcome.get() }
        let error = try await withTimeout(.seconds(5), "closed after cancel") { () -> WebSocketError? in
            do {
                _ = try await stream.closed
                return nil
            } catch let error as WebSocketError {
                return error
            }
        }
        #expect(error?.cause == .aborted)
        #expect(error?.closeCode == 1006)
        #expect(error?.message.contains("cancelled") == true)
        try await server.stopWithin()
    }

    @Test("A clean remote close ends the readable and gives the server's code and reason")
    func remoteCleanClose() async throws {
        let server = try await TestServer.start()
        let stream = try WebSocketStream(url: server.url + "/close?code=4000&reason=bye")
        try await withTimeout(.seconds(15), "remote close") {
            let connection = try await stream.opened
            var count = 0
            for try await _ in connection.readable { count += 1 }
            #expect(count == 0)
            #expect(try await stream.closed == WebSocketStream.CloseInfo(closeCode: 4000, reason: "bye"))
        }
        try await server.stopWithin()
    }

    @Test("An unclean remote close makes the readable and `closed` throw 1006 with the cause")
    func remoteUncleanClose() async throws {
        let server = try await TestServer.start()
        let stream = try WebSocketStream(url: server.url + "/drop?after=1")
        try await withTimeout(.seconds(15), "dropped connection") {
            let connection = try await stream.opened
            try await connection.writable.write("one")
            var iterator = connection.readable.makeAsyncIterator()
            #expect(try await iterator.next() == .text("one"))
            await #expect { _ = try await iterator.next() } throws: { error in
                (error as? WebSocketError)?.closeCode == 1006 && (error as? WebSocketError)?.cause == .connectionLost
            }
            await #expect { _ = try await stream.closed } throws: { error in
                guard let error = error as? WebSocketError else { return false }
                return error.closeCode == 1006 && error.message.contains("without a Close frame")
            }
        }
        try await server.stopWithin()
    }

    @Test("close() validates like WebSocket.close, and a write after it throws at once")
    func writeAfterClose() async throws {
        let server = try await TestServer.start()
        let stream = try WebSocketStream(url: server.url + "/echo")
        try await withTimeout(.seconds(15), "write after close") {
            let connection = try await stream.opened
            #expect(throws: WebSocketAPIError.self) { try stream.close(code: 1001) }
            #expect(throws: WebSocketAPIError.self) { try stream.close(reason: String(repeating: "x", count: 124)) }
            try stream.close(code: 4001, reason: "bye")
            await #expect(throws: WebSocketAPIError.self) { try await connection.writable.write("late") }
            #expect(try await stream.closed.closeCode == 4001)
        }
        try await server.stopWithin()
    }

    @Test("Closing while written data cannot reach a stalled server is reported as unclean")
    func closeWithUnsentData() async throws {
        let server = try await TestServer.start()
        let limits = ConnectionLimits(closeTimeout: .seconds(1))
        // Sizes of the binary frames handed to the socket, from the wire tap.
        let written = Recorder<Int>()
        let stream = try WebSocketStream(
            url: server.url + "/stall",
            options: WebSocketStreamOptions(
                dispatcher: Agent(limits: limits), perMessageDeflate: nil,
                tap: { record in
                    guard record.direction == .sent, case .frame(let frame) = record.content,
                        frame.header.opcode == .binary
                    else { return }
                    written.append(frame.payload.count)
                }))
        let connection = try await withTimeout(.seconds(15), "open") { try await stream.opened }
        // Far more than loopback socket buffers hold: this write cannot complete while the server does not read.
        let pending = Task { try await connection.writable.write([UInt8](repeating: 1, count: 32 << 20)) }
        // Close once the frame is on its way: a close that overtook the write (a busy test run can hold the task
        // back for seconds) would refuse it instead.
        try await withTimeout(.seconds(15), "the frame written") {
            while written.values.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        }
        try stream.close(code: 1000)
        let error = try await withTimeout(.seconds(15), "unclean close") { () -> WebSocketError? in
            do {
                _ = try await stream.closed
                return nil
            } catch let error as WebSocketError {
                return error
            }
        }
        #expect(error?.closeCode == 1006)
        #expect(error?.message.contains("never reached the socket") == true, "\(String(describing: error))")
        let writeOutcome = try await withTimeout(.seconds(5), "pending write") { await pending.result }
        #expect(throws: WebSocketError.self) { try writeOutcome.get() }
        try await server.stopWithin()
    }
}
