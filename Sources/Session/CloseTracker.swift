import Inspector
import WebSockets

/// Remembers who started the closing handshake, so that after `/close 4000 bye` the status bar says
/// `we sent 4000 bye · server answered 4000`: what each side said, never our reason under the server's code.
/// The log keeps both close frames exactly as they crossed the wire.
struct CloseTracker {
    /// The close frame this client sent, when it was sent before any close frame arrived.
    private var initiated: CloseFrameContent?
    private var received = false

    /// Notes a close frame of the current connection crossing the wire.
    mutating func observe(_ closeFrame: WireRecord) {
        guard case .frame(let frame) = closeFrame.content else { return }
        if closeFrame.direction == .received {
            received = true
        } else if !received && initiated == nil {
            initiated = CloseFrameContent(payload: frame.payload)
        }
    }

    /// The close frame this client sent to start the closing handshake, if it started it.
    var ourClose: CloseFrameContent? { initiated }
}
