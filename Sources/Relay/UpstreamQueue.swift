import DequeModule
import Synchronization
import WebSocketCore

/// What the client side hands the upstream writer, in the order it happened.
enum UpstreamItem: Sendable {
    /// A message to forward, with the frames it arrived in.
    case message(Message, frames: [FramePiece])
    /// The client closed with this code (`nil`: none) and reason; pass it on and stop.
    case close(code: UInt16?, reason: String)
    /// The client ended abnormally, for this reason; close the upstream with 1001 and stop.
    case gone(String)

    /// The bytes this item holds, which count against the queue's bound.
    var byteCount: Int {
        switch self {
        case .message(let message, _): return message.payloadByteCount
        case .close, .gone: return 0
        }
    }
}

/// The bounded queue between a client's event loop (which pushes what the client sent) and the task writing to
/// the upstream (which takes it). Past `limit` bytes `push` says to stop reading from the client; `next` says to
/// read again once the writer has taken it below half of that, so a slow upstream holds at most `limit` plus one
/// message here.
final class UpstreamQueue: Sendable {
    private struct State {
        var items = Deque<UpstreamItem>()
        var bytes = 0
        var producerPaused = false
        var finished = false
        var waiter: CheckedContinuation<(UpstreamItem, resume: Bool)?, Never>?
    }

    private let limit: Int
    private let state = Mutex(State())

    init(limit: Int) {
        self.limit = limit
    }

    /// Queues an item; returns `false` when the producer should stop reading until `next` says otherwise. After
    /// `finish` items are dropped: the upstream is gone.
    func push(_ item: UpstreamItem) -> Bool {
        let (waiter, keepReading): (CheckedContinuation<(UpstreamItem, resume: Bool)?, Never>?, Bool) = state.withLock { s in
            guard !s.finished else { return (nil, true) }
            if let waiter = s.waiter {
                s.waiter = nil
                return (waiter, true)
            }
            s.items.append(item)
            s.bytes += item.byteCount
            if s.bytes >= limit { s.producerPaused = true }
            return (nil, !s.producerPaused)
        }
        waiter?.resume(returning: (item, resume: false))
        return keepReading
    }

    /// The next item, waiting for one, and whether the producer may read again; `nil` after `finish`.
    func next() async -> (UpstreamItem, resume: Bool)? {
        await withCheckedContinuation { continuation in
            let ready: (UpstreamItem, resume: Bool)?? = state.withLock { s in
                if let item = s.items.popFirst() {
                    s.bytes -= item.byteCount
                    let resume = s.producerPaused && s.bytes <= limit / 2
                    if resume { s.producerPaused = false }
                    return .some((item, resume: resume))
                }
                if s.finished { return .some(nil) }
                s.waiter = continuation
                return .none
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// Ends the queue: what is queued is dropped, a waiting `next` returns `nil`, later pushes are ignored.
    func finish() {
        let waiter = state.withLock { s in
            s.finished = true
            s.items.removeAll()
            s.bytes = 0
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// Bytes waiting now, for tests of the bound.
    var bufferedBytes: Int { state.withLock { $0.bytes } }
}
