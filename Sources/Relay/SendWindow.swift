import DequeModule
import NIOCore
import WebSocketCore

/// The sends to one side still in flight, so the forwarding task waits only when they hold more than `limit`
/// bytes instead of once per message (a hop to the other side's event loop and back for every 16-byte message was
/// most of a flood's cost through the relay).
///
/// A send's future completes, in order, once that side can take more (`true`) or it is gone (`false`); so at most
/// `limit` bytes plus one message wait between the forwarding task and that side's socket.
struct SendWindow {
    private let limit: Int
    private var pending = Deque<(sent: EventLoopFuture<Bool>, bytes: Int)>()
    private var bytes = 0

    init(limit: Int) {
        self.limit = limit
    }

    /// Notes a send just made; returns `false` once the client is gone, after waiting for earlier sends while the
    /// window holds more than `limit`.
    mutating func add(_ sent: EventLoopFuture<Bool>, bytes count: Int) async -> Bool {
        pending.append((sent, count))
        bytes += count
        while bytes > limit, let oldest = pending.popFirst() {
            bytes -= oldest.bytes
            guard (try? await oldest.sent.get()) == true else { return false }
        }
        return true
    }

    /// Waits for every send in flight; `false` if that side is gone. Called before a Close is passed on, so it
    /// cannot overtake a message.
    mutating func drain() async -> Bool {
        while let oldest = pending.popFirst() {
            bytes -= oldest.bytes
            guard (try? await oldest.sent.get()) == true else { return false }
        }
        return true
    }
}

extension Message {
    /// The payload's length in bytes, which counts against the relay's bounds.
    var payloadByteCount: Int {
        switch self {
        case .text(let text): return text.utf8.count
        case .binary(let bytes), .utf8Text(let bytes): return bytes.count
        }
    }
}
