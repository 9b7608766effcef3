import DequeModule
import NIOCore
import Synchronization
import WebSocketCore

/// Sends in flight in one direction of a relayed connection, bounded by bytes: `add` waits only while more than
/// `limit` bytes are unacknowledged, so messages are pipelined instead of sent one hop and flush at a time.
/// Shared by the intercept gate's send closure and the forwarding task's close (which drains it first), so the
/// state sits behind a lock that is never held across a wait.
final class SendWindow: Sendable {
    private struct State {
        var pending = Deque<(sent: EventLoopFuture<Bool>, bytes: Int)>()
        var bytes = 0
    }

    private let limit: Int
    private let state = Mutex(State())

    init(limit: Int) {
        self.limit = limit
    }

    /// Adds a send in flight; waits for the oldest while over the limit. `false` once a send failed.
    func add(_ sent: EventLoopFuture<Bool>, bytes count: Int) async -> Bool {
        let oldest = state.withLock { s -> [EventLoopFuture<Bool>] in
            s.pending.append((sent, count))
            s.bytes += count
            var over: [EventLoopFuture<Bool>] = []
            while s.bytes > limit, let first = s.pending.popFirst() {
                s.bytes -= first.bytes
                over.append(first.sent)
            }
            return over
        }
        return await Self.succeeded(oldest)
    }

    /// Waits for every send in flight; `false` if one failed.
    func drain() async -> Bool {
        let all = state.withLock { s -> [EventLoopFuture<Bool>] in
            defer { (s.pending, s.bytes) = ([], 0) }
            return s.pending.map(\.sent)
        }
        return await Self.succeeded(all)
    }

    private static func succeeded(_ sends: [EventLoopFuture<Bool>]) async -> Bool {
        for sent in sends {
            guard (try? await sent.get()) == true else { return false }
        }
        return true
    }
}
