import WebSockets

/// Remembers who started the closing handshake, so that after `/close 4000 bye` the status bar says
/// `CLOSED 4000 bye` rather than only what the server echoed back (often the bare code). The log keeps both close
/// frames exactly as they crossed the wire; only the summary changes.
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

    /// The `closed` event to show: for the current connection's clean close after a close this client started,
    /// with this client's code and reason; otherwise as it came.
    func closed(
        generation: Int, code: UInt16, reason: String, wasClean: Bool, currentGeneration: Int
    ) -> SessionEvent {
        if generation == currentGeneration, wasClean, let initiated, let ownCode = initiated.code {
            return .closed(generation: generation, code: ownCode,
                           reason: String(decoding: initiated.reason, as: UTF8.self), wasClean: true)
        }
        return .closed(generation: generation, code: code, reason: reason, wasClean: wasClean)
    }
}
