import DequeModule
import NIOCore
import WebSocketCore

/// The sends to the client still in flight, so the upstream reader waits only when they hold more than `limit`
/// bytes instead of once per message (a hop to the client's event loop and back for every 16-byte message was
/// most of a flood's cost through the relay).
///
/// A send's future completes, in order, once the client's channel can take more (`true`) or the client is gone
/// (`false`); so at most `limit` bytes plus one message wait between the upstream reader and that channel.
struct ClientSendWindow {
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
