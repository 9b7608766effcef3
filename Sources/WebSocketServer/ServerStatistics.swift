import NIOConcurrencyHelpers

/// Counters a test can read while the server runs, to see from the server's side what a client did to it.
public final class ServerStatistics: Sendable {
    private struct Counts {
        var writeStalls = 0
        var connectionsUpgraded = 0
    }

    private let counts = NIOLockedValueBox(Counts())

    /// Creates zeroed counters.
    public init() {}

    /// How many times a connection's channel stopped taking writes because its client was not reading fast
    /// enough (NIO writability went false): the server side of TCP backpressure.
    public var writeStalls: Int { counts.withLockedValue { $0.writeStalls } }

    /// How many connections completed the WebSocket handshake.
    public var connectionsUpgraded: Int { counts.withLockedValue { $0.connectionsUpgraded } }

    func recordWriteStall() { counts.withLockedValue { $0.writeStalls += 1 } }

    func recordUpgrade() { counts.withLockedValue { $0.connectionsUpgraded += 1 } }
}
