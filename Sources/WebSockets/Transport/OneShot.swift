import NIOConcurrencyHelpers

/// A value that is settled once and awaited by any number of tasks, like a promise in the web API.
///
/// A waiting task that is cancelled stops waiting with `CancellationError`; the value itself is unaffected.
final class OneShot<Value: Sendable>: Sendable {
    private struct State {
        var result: Result<Value, any Error>?
        var waiters: [Int: CheckedContinuation<Value, any Error>] = [:]
        var nextWaiter = 0
    }

    private let state = NIOLockedValueBox(State())

    /// Settles the value; later calls are ignored, so the first outcome wins.
    func settle(_ result: Result<Value, any Error>) {
        let waiters = state.withLockedValue { s -> [CheckedContinuation<Value, any Error>] in
            guard s.result == nil else { return [] }
            s.result = result
            defer { s.waiters = [:] }
            return Array(s.waiters.values)
        }
        for waiter in waiters { waiter.resume(with: result) }
    }

    /// Waits for the value.
    func value() async throws -> Value {
        if let settled = state.withLockedValue({ $0.result }) { return try settled.get() }
        let id = state.withLockedValue { s -> Int in
            s.nextWaiter += 1
            return s.nextWaiter
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let immediate = state.withLockedValue { s -> Result<Value, any Error>? in
                    if let result = s.result { return result }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    s.waiters[id] = continuation
                    return nil
                }
                if let immediate { continuation.resume(with: immediate) }
            }
        } onCancel: {
            state.withLockedValue { $0.waiters.removeValue(forKey: id) }?.resume(throwing: CancellationError())
        }
    }
}
