import WebSocketCore

/// `/sink?count=N`: swallows messages, and after the Nth answers one text message with the decimal count, so a
/// sender can tell that everything arrived. Later messages are counted but not answered.
final class SinkBehaviour: Behaviour {
    private let target: UInt64
    private var received: UInt64 = 0

    /// Creates a sink that reports after `count` messages.
    init(count: UInt64) { target = count }

    func received(_ message: Message, on session: ServerSession) {
        received += 1
        if received == target { session.send(.text(String(received))) }
    }
}
