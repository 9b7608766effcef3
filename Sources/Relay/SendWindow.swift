import NIOCore
import Synchronization
import WebSocketCore

/// Sends in flight in one direction of a relayed connection, bounded by bytes: `add` waits only while more than
/// `limit` bytes are unacknowledged, so messages are pipelined instead of sent one hop and flush at a time.
/// Shared by the intercept gate's send closure and the forwarding task's close (which drains it first), so the
/// state sits behind a lock that is never held across a wait.
///
/// Each send's completion lowers the count from the event loop; a sender waits only while the count is over its
/// mark, rather than awaiting each send's future, which cost a task switch per message (Benchmarks/PROFILE.md).
final class SendWindow: Sendable {
    private struct Waiter {
        /// Resumed once the bytes in flight are at most this, or a send failed.
        var mark: Int
        var continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var bytes = 0
        var failed = false
        var waiters: [Waiter] = []

        /// The waiters whose mark is reached (all of them after a failure), taken out.
        mutating func takeSatisfied() -> [Waiter] {
            guard !waiters.isEmpty else { return [] }
            let (now, later) = (waiters.filter { failed || bytes <= $0.mark }, waiters.filter { !failed && bytes > $0.mark })
            waiters = later
            return now
        }
    }

    /// What each send counts beyond its payload: about what its message, promise and callback hold, so that a
    /// flood of tiny messages is bounded in memory too, not only in payload bytes.
    static let perSendOverhead = 128

    private let limit: Int
    private let state = Mutex(State())
    /// Makes sure what was sent is on its way before a wait for it: a side that holds sends back to batch them
    /// (`RelayClientLeg.send(_:frameSizes:flush:)`) must let them go, or the wait would never end.
    private let beforeWaiting: @Sendable () -> Void

    init(limit: Int, beforeWaiting: @escaping @Sendable () -> Void = {}) {
        self.limit = limit
        self.beforeWaiting = beforeWaiting
    }

    /// Adds a send in flight; waits while more than the limit is. `false` once a send failed.
    func add(_ sent: EventLoopFuture<Bool>, bytes payload: Int) async -> Bool {
        let count = payload + Self.perSendOverhead
        state.withLock { $0.bytes += count }
        sent.whenComplete { [self] result in
            let satisfied = state.withLock { s -> [Waiter] in
                s.bytes -= count
                if (try? result.get()) != true { s.failed = true }
                return s.takeSatisfied()
            }
            for waiter in satisfied { waiter.continuation.resume() }
        }
        return await wait(until: limit)
    }

    /// Waits for every send in flight; `false` if one failed.
    func drain() async -> Bool {
        await wait(until: 0)
    }

    /// Waits until at most `mark` bytes are in flight, or a send failed; `false` if one did.
    private func wait(until mark: Int) async -> Bool {
        let (ready, failed) = state.withLock { ($0.failed || $0.bytes <= mark, $0.failed) }
        if ready { return !failed }
        beforeWaiting()
        await withCheckedContinuation { continuation in
            let now = state.withLock { s -> Bool in
                if s.failed || s.bytes <= mark { return true }
                s.waiters.append(Waiter(mark: mark, continuation: continuation))
                return false
            }
            if now { continuation.resume() }
        }
        return !state.withLock { $0.failed }
    }
}
