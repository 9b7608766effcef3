/// Which way a log record went.
package enum Direction: String, Sendable, Hashable, CaseIterable {
    /// From this client to the server.
    case sent
    /// From the server to this client.
    case received
    /// Nothing crossed the wire: a state change, an error, or a note the inspector made.
    case local

    /// The position in `allCases`, for tables indexed by direction.
    var index: Int {
        switch self {
        case .sent: return 0
        case .received: return 1
        case .local: return 2
        }
    }

    /// The arrow the log shows: `→` sent, `←` received, `·` local.
    package var arrow: String {
        switch self {
        case .sent: return "→"
        case .received: return "←"
        case .local: return "·"
        }
    }
}
