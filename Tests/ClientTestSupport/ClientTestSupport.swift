import Foundation
import Testing
import WebSocketServer
import WebSockets

/// A test step took longer than its bound.
public struct TimedOut: Error, CustomStringConvertible {
    /// What was being waited for.
    public let what: String
    /// Names the step that timed out.
    public var description: String { "timed out: \(what)" }
}

/// Runs `operation`, failing with `TimedOut` after `limit`, so no test can hang.
///
/// The operation runs in an unstructured task and is cancelled at the deadline but not waited for: a task group
/// would wait for it, and an await that ignores cancellation (a NIO future) would then hang the test anyway.
public func withTimeout<T: Sendable>(
    _ limit: Duration = .seconds(15), _ what: String = "operation", _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    let once = ResumeOnce<T>()
    return try await withCheckedThrowingContinuation { continuation in
        once.set(continuation)
        let work = Task {
            do { once.resume(.success(try await operation())) } catch { once.resume(.failure(error)) }
        }
        Task {
            try? await Task.sleep(for: limit)
            work.cancel()
            once.resume(.failure(TimedOut(what: what)))
        }
    }
}

/// Resumes a continuation exactly once, whichever of the racing tasks gets there first.
final class ResumeOnce<T: Sendable>: Sendable {
    private let lock = NSLock()
    nonisolated(unsafe) private var continuation: CheckedContinuation<T, any Error>?  // every access holds `lock`
    nonisolated(unsafe) private var early: Result<T, any Error>?  // a result that came before `set`

    func set(_ continuation: CheckedContinuation<T, any Error>) {
        let result: Result<T, any Error>? = lock.withLock {
            if let early { return early }
            self.continuation = continuation
            return nil
        }
        if let result { continuation.resume(with: result) }
    }

    func resume(_ result: Result<T, any Error>) {
        let target: CheckedContinuation<T, any Error>? = lock.withLock {
            if let continuation = self.continuation {
                self.continuation = nil
                early = .failure(TimedOut(what: "already resumed"))
                return continuation
            }
            if early == nil { early = result }
            return nil
        }
        target?.resume(with: result)
    }
}

extension TestServer {
    /// Stops the server, bounded: a test never hangs on shutdown. The bound is generous because it only guards
    /// against a hang: while the suite starts, CPU-bound tests keep the cooperative pool busy for seconds.
    public func stopWithin(_ limit: Duration = .seconds(30)) async throws {
        try await withTimeout(limit, "stopping the test server") { try await self.stop() }
    }
}

/// Runs a connection to its `close` event, calling `react` for each event (to send, close, ping …); returns
/// every event in order. Bounded by `limit`.
public func runToClose(
    _ ws: WebSocket, limit: Duration = .seconds(15),
    react: @escaping @Sendable (WebSocket, WebSocketEvent) async throws -> Void = { _, _ in }
) async throws -> [WebSocketEvent] {
    // Attached here, before any task has to run: the connection holds its frames until someone listens, so a
    // consumer that only attached once a busy cooperative pool got to it could let a peer's closing handshake time
    // out. The sequence buffers whatever arrives meanwhile.
    let stream = ws.events
    return try await withTimeout(limit, "events of \(ws.url)") {
        var events: [WebSocketEvent] = []
        for await event in stream {
            events.append(event)
            try await react(ws, event)
        }
        return events
    }
}

extension [WebSocketEvent] {
    /// The close event, which must be the last one.
    public var closeEvent: CloseEvent? {
        if case .close(let close) = last { return close }
        return nil
    }

    /// The error event's message, if any.
    public var errorMessage: String? {
        for event in self { if case .error(let error) = event { return error.message } }
        return nil
    }

    /// The messages received, in order.
    public var messages: [MessageData] {
        compactMap { if case .message(let m) = $0 { return m.data } else { return nil } }
    }

    /// The event names in order, e.g. ["open", "message", "close"].
    public var names: [String] {
        map {
            switch $0 {
            case .open: return "open"
            case .message: return "message"
            case .pong: return "pong"
            case .error: return "error"
            case .close: return "close"
            }
        }
    }
}

/// A thread-safe box for values that callbacks record.
public final class Recorder<Value: Sendable>: Sendable {
    private let lock = NSLock()
    nonisolated(unsafe) private var storage: [Value] = []  // every access holds `lock`
    /// Creates an empty recorder.
    public init() {}
    /// Records a value.
    public func append(_ value: Value) { lock.withLock { storage.append(value) } }
    /// Everything recorded so far, in order.
    public var values: [Value] { lock.withLock { storage } }
}
