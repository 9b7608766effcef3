import WebSocketCore

/// `/drop?after=N`: echoes N messages, then closes TCP without a Close frame, so a client sees an abnormal
/// closure (1006).
final class DropBehaviour: Behaviour {
    private var remaining: UInt64

    /// Creates a behaviour that drops the connection after echoing `after` messages.
    init(after: UInt64) { remaining = after }

    func start(_ session: ServerSession) {
        if remaining == 0 { session.dropTCP() }
    }

    func received(_ message: Message, on session: ServerSession) {
        guard remaining > 0 else { return }
        session.send(message)
        remaining -= 1
        if remaining == 0 { session.dropTCP() }
    }
}
