import NIOCore

/// Matches pongs to the pings `WebSocket.ping` sent, to report round-trip times.
struct PingTracker {
    private struct Outstanding {
        let payload: [UInt8]
        let sentAt: NIODeadline
        let promise: EventLoopPromise<Duration>
    }

    private var outstanding: [Outstanding] = []

    /// Remembers a ping sent now.
    mutating func sent(_ payload: [UInt8], promise: EventLoopPromise<Duration>) {
        outstanding.append(Outstanding(payload: payload, sentAt: .now(), promise: promise))
    }

    /// Resolves the oldest ping with this payload; returns its round-trip time, or nil for an unsolicited pong.
    mutating func received(_ payload: [UInt8]) -> Duration? {
        guard let index = outstanding.firstIndex(where: { $0.payload == payload }) else { return nil }
        let ping = outstanding.remove(at: index)
        let rtt = Duration.nanoseconds((NIODeadline.now() - ping.sentAt).nanoseconds)
        ping.promise.succeed(rtt)
        return rtt
    }

    /// Fails every outstanding ping (the connection ended).
    mutating func failAll(_ error: any Error) {
        for ping in outstanding { ping.promise.fail(error) }
        outstanding.removeAll()
    }
}
