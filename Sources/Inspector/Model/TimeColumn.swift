/// What the log's time column shows (`t` steps through them).
package enum TimeColumn: Sendable, Hashable, CaseIterable {
    /// `14:02:11.123`: compared against server logs.
    case wallClock
    /// `+12.345`: seconds since the connection the row belongs to began (its attempt, then its handshake).
    case sinceConnect
    /// `+0.000412`: seconds since the row above, which is how a burst or a slow answer shows.
    case sincePrevious

    /// The next mode for `t`.
    package var next: TimeColumn {
        switch self {
        case .wallClock: return .sinceConnect
        case .sinceConnect: return .sincePrevious
        case .sincePrevious: return .wallClock
        }
    }

    /// How the log's title names the mode.
    package var title: String {
        switch self {
        case .wallClock: return "clock"
        case .sinceConnect: return "since connect"
        case .sincePrevious: return "since previous row"
        }
    }
}
