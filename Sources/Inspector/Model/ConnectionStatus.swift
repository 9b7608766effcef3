import Foundation

/// What the status bar shows about the connection; the Terminal layer fills it from the client's events.
package struct ConnectionStatus: Sendable, Hashable {
    /// The connection's life cycle, as the WHATWG `readyState` names it, plus the close details.
    package enum State: Sendable, Hashable {
        /// The opening handshake is under way.
        case connecting
        /// Messages may flow.
        case open
        /// A close frame has been sent or received; waiting for the other one.
        case closing
        /// The connection is over. `code` is the close code (1005 when none was sent, 1006 when no close frame
        /// arrived), or `nil` when it never opened.
        case closed(code: UInt16?, reason: String)
    }

    /// The URL being inspected, as the user gave it.
    package var url: String
    /// Where the connection is in its life cycle.
    package var state: State
    /// The negotiated subprotocol, `""` when none.
    package var protocolName: String
    /// The negotiated extensions header value, `""` when none.
    package var extensions: String
    /// How the connection is routed, e.g. `direct` or `via proxy 127.0.0.1:3128`; `""` hides it.
    package var route: String
    /// The round-trip time of the last answered ping.
    package var lastPingRTT: TimeInterval?
    /// The last error, shown in place of the close details when set (peer- or OS-controlled, so escaped on display).
    package var errorText: String?
    /// When the current connection attempt started, so the status bar can count up (`CONNECTING 4.2 s`).
    package var connectingSince: Date?
    /// The close frame this client sent when it started the closing handshake, so the status bar can show it
    /// apart from the server's answer (`we sent 4000 bye · server answered 4000`); `nil` when the server started.
    package var ourClose: CloseFrameContent?

    /// The automatic reconnect waiting to be made (`--reconnect`), so the status bar can count down to it
    /// (`RECONNECTING in 3.2 s (attempt 4)`); `nil` when none is waiting.
    package var reconnect: PendingReconnect?

    /// Creates a status.
    package init(
        url: String = "", state: State = .connecting, protocolName: String = "", extensions: String = "",
        route: String = "", lastPingRTT: TimeInterval? = nil, errorText: String? = nil
    ) {
        self.url = url
        self.state = state
        self.protocolName = protocolName
        self.extensions = extensions
        self.route = route
        self.lastPingRTT = lastPingRTT
        self.errorText = errorText
    }
}

/// An automatic reconnect that is waiting for its time.
package struct PendingReconnect: Sendable, Hashable {
    /// Which attempt in a row it will be (1 for the first after a drop).
    package var attempt: Int
    /// When it will be made.
    package var due: Date

    /// Creates a pending reconnect.
    package init(attempt: Int, due: Date) {
        self.attempt = attempt
        self.due = due
    }

    /// `RECONNECTING in 3.2 s (attempt 4)` at `now`; the seconds are rounded up, so it never reads 0.0 early.
    package func label(now: Date) -> String {
        // Less a hair, so that the float noise of date arithmetic does not round 3.2 s up to 3.3.
        let tenths = max(0, Int((due.timeIntervalSince(now) * 10 - 1e-6).rounded(.up)))
        return "RECONNECTING in \(tenths / 10).\(tenths % 10) s (attempt \(attempt))"
    }
}
