import Foundation
import WebSockets

extension InspectorState {
    /// Applies one connection event: wire records become log rows, life-cycle events update the status bar and
    /// leave a note. Returns the record added, if any, for `--record` (an optional, not an array: this runs once
    /// per message of a flood, and an array would be an allocation each time).
    ///
    /// Events from an older connection (`generation` below `current`) are still logged, since they are real
    /// traffic, but no longer touch the status bar, which describes the current connection.
    @discardableResult
    package mutating func apply(_ event: SessionEvent, currentGeneration current: Int) -> InspectorRecord? {
        switch event {
        case .wire(let generation, let wire):
            return apply(wire: wire, generation: generation, currentGeneration: current, handBack: true)

        case .trimmedWire(let generation, let wire, let trim):
            return apply(wire: wire, generation: generation, currentGeneration: current, trim: trim, handBack: true)

        case .opened(let generation, let negotiated, let extensions, let time):
            guard generation == current else { return nil }
            status.state = .open
            status.protocolName = negotiated
            status.extensions = extensions
            status.errorText = nil
            var text = "connected"
            if !negotiated.isEmpty { text += " · protocol " + negotiated }
            if !extensions.isEmpty { text += " · extensions " + extensions }
            return log.note(text, time: time)

        case .pong(let generation, let roundTripTime):
            if generation == current, let rtt = roundTripTime { status.lastPingRTT = rtt.timeInterval }
            return nil

        case .failed(let generation, let message, let time):
            if generation == current { status.errorText = message }
            // A replaced connection's end (terminate() by /connect or /reconnect) is logged, not raised as an error.
            return log.note(message, isError: generation == current, time: time)

        case .closed(let generation, let code, let reason, let wasClean, let time):
            if generation == current { status.state = .closed(code: code, reason: reason) }
            // One ERROR row per failure: when the failure itself was logged, the close that follows is a note,
            // and its reason (the failure's words again) is left out.
            let failureLogged = generation == current && status.errorText != nil
            var text = "closed \(code)"
            if !reason.isEmpty && !failureLogged { text += " " + reason }
            if generation == current, let ours = status.ourClose {
                text = "closed: " + CloseWords.weSentServerAnswered(ours: ours, code: code, reason: reason)
            }
            text += wasClean ? " (clean)" : " (not clean)"
            // A connection /connect or /reconnect replaced was dropped on purpose: its end is not an error.
            let isError = generation == current && !wasClean && code != 1000 && !failureLogged
            return log.note(text, isError: isError, time: time)

        case .note(let text, let isError):
            return log.note(text, isError: isError)

        case .reconnectDue:
            // The session acts on it; the model has nothing to show until the attempt starts.
            return nil

        case .relay(let relayEvent):
            apply(relay: relayEvent)
            return nil
        }
    }
}

extension InspectorState {
    /// Applies bytes that crossed the wire: a log row, and for a close frame of the current connection the start
    /// of the closing handshake. `trim` says what was cut from them already (see
    /// ``SessionEvent/trimmedWire(generation:_:_:)``); the record comes back only when `handBack` asks for it
    /// (see ``LogModel/append(_:direction:time:trim:handBack:)``).
    @discardableResult
    package mutating func apply(
        wire: consuming WireRecord, generation: Int, currentGeneration current: Int, trim: RecordTrim? = nil,
        handBack: Bool
    ) -> InspectorRecord? {
        startClosing(for: wire, generation: generation, currentGeneration: current)
        let direction = wire.logDirection
        let time = wire.time
        return log.append(wire.intoRecordKind(), direction: direction, time: time, trim: trim, handBack: handBack)
    }

    /// A close frame of the current connection, in either direction, starts the closing handshake.
    private mutating func startClosing(for wire: borrowing WireRecord, generation: Int, currentGeneration current: Int) {
        if generation == current, status.state == .open, wire.isCloseFrame { status.state = .closing }
    }
}

extension Duration {
    /// The duration in seconds, as the status bar's `TimeInterval` wants it.
    var timeInterval: TimeInterval {
        let parts = components
        return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
    }
}
