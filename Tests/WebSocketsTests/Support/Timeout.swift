import Foundation
import Testing
import WebSockets

/// A test step took longer than its bound.
struct TimedOut: Error, CustomStringConvertible {
    let what: String
    var description: String { "timed out: \(what)" }
}

/// Runs `operation`, failing with `TimedOut` after `limit`, so no test can hang.
func withTimeout<T: Sendable>(
    _ limit: Duration = .seconds(15), _ what: String = "operation", _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw TimedOut(what: what)
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}

/// Runs a connection to its `close` event, calling `react` for each event (to send, close, ping …); returns
/// every event in order. Bounded by `limit`.
func runToClose(
    _ ws: WebSocket, limit: Duration = .seconds(15),
    react: @escaping @Sendable (WebSocket, WebSocketEvent) async throws -> Void = { _, _ in }
) async throws -> [WebSocketEvent] {
    try await withTimeout(limit, "events of \(ws.url)") {
        var events: [WebSocketEvent] = []
        for await event in ws.events {
            events.append(event)
            try await react(ws, event)
        }
        return events
    }
}

extension [WebSocketEvent] {
    /// The close event, which must be the last one.
    var closeEvent: CloseEvent? {
        if case .close(let close) = last { return close }
        return nil
    }

    /// The error event's message, if any.
    var errorMessage: String? {
        for event in self { if case .error(let error) = event { return error.message } }
        return nil
    }

    /// The messages received, in order.
    var messages: [MessageData] {
        compactMap { if case .message(let m) = $0 { return m.data } else { return nil } }
    }

    /// The event names in order, e.g. ["open", "message", "close"].
    var names: [String] {
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
final class Recorder<Value: Sendable>: Sendable {
    private let lock = NSLock()
    nonisolated(unsafe) private var storage: [Value] = []  // every access holds `lock`
    func append(_ value: Value) { lock.withLock { storage.append(value) } }
    var values: [Value] { lock.withLock { storage } }
}
