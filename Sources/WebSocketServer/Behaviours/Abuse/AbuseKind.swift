import WebSocketCore

/// The `/abuse/` behaviours that need more than a fixed script: bytes made lazily, timing, or how TCP ends.
enum AbuseKind: Sendable, Hashable {
    /// A 101 status line and header lines that never end, up to `bytes` (the handshake is the behaviour's).
    case endlessHead(bytes: UInt64)
    /// Reads the request (or opens, when `afterOpen`), then resets TCP.
    case reset(afterOpen: Bool)
    /// Frames generated as they are written, never held whole.
    case stream(LazyFrames)
    /// `count` pings of 125 bytes, never reading what the client sends back, then a Close 1000.
    case pingFlood(count: UInt64)
    /// The 101 and a message, one byte every `milliseconds`; then a normal Close.
    case trickle(milliseconds: Int64)
    /// A few messages, then a FIN without a Close frame.
    case halfClose
    /// A Close 1000, then a TCP reset once the client's Close has arrived.
    case closeThenReset

    /// A fresh behaviour for one connection whose request head was `head`.
    func make(head: HTTPHead) -> any Behaviour {
        switch self {
        case .endlessHead(let bytes): return LazyStreamBehaviour(LazyFrames.endlessHead(bytes: bytes))
        case .reset(let afterOpen): return ResetBehaviour(afterOpen: afterOpen, head: head)
        case .stream(let frames): return LazyStreamBehaviour(frames)
        case .pingFlood(let count):
            return LazyStreamBehaviour(.pings(count: count), readsFromClient: false, closeWhenDone: "ping flood done")
        case .trickle(let milliseconds): return TrickleBehaviour(head: head, milliseconds: milliseconds)
        case .halfClose: return HalfCloseBehaviour()
        case .closeThenReset: return CloseThenResetBehaviour()
        }
    }
}

/// `/abuse/half-close`: three messages, then a FIN and no Close frame: a valid stream that just stops.
final class HalfCloseBehaviour: Behaviour {
    func start(_ session: ServerSession) {
        for index in 1...3 { session.send(.text("message \(index) of 3, then a FIN without a Close")) }
        session.halfCloseTCP()
    }
}

/// `/abuse/close-then-reset`: a Close 1000 right after the handshake; once the client's Close has arrived, a TCP
/// reset instead of a FIN, as a server does that closes a socket with unread bytes.
final class CloseThenResetBehaviour: Behaviour {
    func start(_ session: ServerSession) {
        session.resetsAfterClose = true
        session.close(code: CloseCode.normalClosure, reason: "bye, then a reset")
    }
}

/// `/abuse/reset` and `/abuse/reset-after-open`: a TCP reset, before any answer or right after a message.
final class ResetBehaviour: Behaviour {
    private let afterOpen: Bool

    /// Creates the behaviour; `head` is unused but kept for symmetry with the other handshake-owning behaviours.
    init(afterOpen: Bool, head: HTTPHead) { self.afterOpen = afterOpen }

    func start(_ session: ServerSession) {
        if afterOpen {
            session.send(.text("open, then a reset"))
            session.flush()
            // A moment for the message to reach the client before the reset destroys what is unread.
            session.after(.milliseconds(100)) { session.resetTCP() }
        } else {
            session.resetTCP()
        }
    }
}
