import WebSocketCore

/// Bounds the pongs written but not yet taken by the socket.
///
/// A peer that floods pings and never reads would otherwise grow our outgoing buffer by a pong per ping, without
/// end. RFC 6455 §5.5.3 lets an endpoint answer only the most recent of several pings, so past `limit` bytes in
/// flight a new pong waits in a single slot, replacing the one waiting there; it goes out once the backlog drains.
/// A peer that reads normally never reaches the limit and gets every pong.
struct PongBacklog {
    /// Payload bytes of pongs in flight past which pongs coalesce: about 500 full-size pongs.
    static let limit = 64 * 1024

    private var inFlight = 0
    private var waiting: OutboundFrame?
    private var closed = false

    /// Pongs replaced in the slot, never sent: shown by tests.
    private(set) var coalesced = 0

    /// Whether to write `pong` now (its bytes then count as in flight); if not, it takes the waiting slot.
    mutating func admit(_ pong: OutboundFrame) -> Bool {
        guard !closed else { return false }
        if inFlight > 0 && inFlight + pong.payload.count + 2 > Self.limit {
            if waiting != nil { coalesced += 1 }
            waiting = pong
            return false
        }
        inFlight += pong.payload.count + 2
        return true
    }

    /// A pong of `payloadCount` bytes reached the socket (or failed); returns whether a pong waits to go.
    mutating func written(payloadCount: Int) -> Bool {
        inFlight -= payloadCount + 2
        return waiting != nil && !closed
    }

    /// The waiting pong, taken out of its slot (to be offered to `admit` again).
    mutating func takeWaiting() -> OutboundFrame? {
        defer { waiting = nil }
        return closed ? nil : waiting
    }

    /// Our Close went out: no pong may follow it (RFC 6455 §5.5.1).
    mutating func closeSent() {
        closed = true
        waiting = nil
    }
}
