/// The WHATWG `readyState` values.
public enum ReadyState: Int, Sendable, Hashable, CustomStringConvertible {
    /// The opening handshake is in progress.
    case connecting = 0
    /// Messages may be sent and received.
    case open = 1
    /// The closing handshake has started.
    case closing = 2
    /// The connection is closed or could not be opened.
    case closed = 3

    public var description: String {
        switch self {
        case .connecting: return "CONNECTING"
        case .open: return "OPEN"
        case .closing: return "CLOSING"
        case .closed: return "CLOSED"
        }
    }
}

/// How binary messages are handed to the application (the WHATWG `binaryType`).
public enum BinaryType: String, Sendable, Hashable {
    /// As Foundation `Data`.
    case data
    /// As `[UInt8]`, avoiding a bridge when the application wants bytes.
    case bytes
}
