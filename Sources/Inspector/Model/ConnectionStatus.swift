import Foundation

/// What the status bar shows about the connection; the Terminal layer fills it from the client's events.
public struct ConnectionStatus: Sendable, Hashable {
    /// The connection's life cycle, as the WHATWG `readyState` names it, plus the close details.
    public enum State: Sendable, Hashable {
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
    public var url: String
    /// Where the connection is in its life cycle.
    public var state: State
    /// The negotiated subprotocol, `""` when none.
    public var protocolName: String
    /// The negotiated extensions header value, `""` when none.
    public var extensions: String
    /// How the connection is routed, e.g. `direct` or `via proxy 127.0.0.1:3128`; `""` hides it.
    public var route: String
    /// The round-trip time of the last answered ping.
    public var lastPingRTT: TimeInterval?
    /// The last error, shown in place of the close details when set (peer- or OS-controlled, so escaped on display).
    public var errorText: String?
    /// When the current connection attempt started, so the status bar can count up (`CONNECTING 4.2 s`).
    public var connectingSince: Date?
    /// The close frame this client sent when it started the closing handshake, so the status bar can show it
    /// apart from the server's answer (`we sent 4000 bye · server answered 4000`); `nil` when the server started.
    public var ourClose: CloseFrameContent?

    /// Creates a status.
    public init(
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
