import WebSockets

/// Remembers who started the closing handshake, so that after `/close 4000 bye` the status bar says
/// `CLOSED 4000 bye` rather than only what the server echoed back (often the bare code). The log keeps both close
/// frames exactly as they crossed the wire; only the summary changes.
struct CloseTracker {
    /// The close frame this client sent, when it was sent before any close frame arrived.
    private var initiated: CloseFrameContent?
    private var received = false

    /// Watches `event` and, for the current connection's `closed` event after a close this client started,
    /// rewrites it in place with this client's code and reason. In place, because this runs for every event of a
    /// flood and returning a copy of each was a measurable share of it.
    mutating func adjust(_ event: inout SessionEvent, currentGeneration: Int) {
        switch event {
        case .wire(let generation, let record) where generation == currentGeneration:
            guard case .frame(let frame) = record.content, frame.header.opcode == .close else { return }
            if record.direction == .received {
                received = true
            } else if !received && initiated == nil {
                initiated = CloseFrameContent(payload: frame.payload)
            }
        case .closed(let generation, _, _, let wasClean) where generation == currentGeneration && wasClean:
            guard let initiated, let code = initiated.code else { return }
            event = .closed(generation: generation, code: code,
                            reason: String(decoding: initiated.reason, as: UTF8.self), wasClean: wasClean)
        default:
            return
        }
    }
}
