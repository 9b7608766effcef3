import NIOCore
import WebSocketCore

/// What `/tick` sends.
struct TickPlan: Sendable, Hashable {
    /// How many messages.
    var count: UInt64
    /// Milliseconds between two messages.
    var intervalMilliseconds: Int64
    /// Payload bytes per message; at least room for the timestamp.
    var size: Int

    /// The smallest size that holds a timestamp: 20 decimal digits.
    static let minimumSize = 20
}

/// `/tick?count=N&interval=MS&size=B`: sends N text messages of B bytes, one every MS milliseconds, each starting
/// with the time it was sent (monotonic nanoseconds, the clock every local process reads as `CLOCK_MONOTONIC`,
/// in decimal, padded with spaces), so a client with many connections can measure how late each one arrives.
final class TickBehaviour: Behaviour {
    private let plan: TickPlan
    private var sent: UInt64 = 0

    /// Creates a ticker.
    init(_ plan: TickPlan) { self.plan = plan }

    func start(_ session: ServerSession) { scheduleNext(session) }

    private func scheduleNext(_ session: ServerSession) {
        guard sent < plan.count else { return }
        session.after(.milliseconds(plan.intervalMilliseconds)) { [self] in
            guard session.canSendData else { return }
            sent += 1
            session.send(.utf8Text(Self.payload(at: NIODeadline.now().uptimeNanoseconds, size: plan.size)))
            session.flush()
            scheduleNext(session)
        }
    }

    /// The decimal timestamp followed by spaces up to `size` bytes.
    static func payload(at nanoseconds: UInt64, size: Int) -> [UInt8] {
        var bytes = Array(String(nanoseconds).utf8)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: max(0, size - bytes.count)))
        return bytes
    }
}
