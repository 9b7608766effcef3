import Foundation
import Inspector
import Relay
import Synchronization
import WebSocketCore

/// Relay mode's session (`wsinspect relay` with the inspector): carries out what the inspector's keys ask of the
/// relay (intercept, decisions on held messages, messages composed to inject), on the UI thread. The relay's
/// events reach the UI through a ``RelayEventSink``.
package final class RelaySession: SessionDriver {
    private let relay: Relay
    private let sink: RelayEventSink

    /// Drives `relay`, whose observer is `sink`.
    package init(relay: Relay, sink: RelayEventSink) {
        self.relay = relay
        self.sink = sink
    }

    /// Applies a queued event: relay events become rows and connection-list entries.
    package func apply(_ event: consuming SessionEvent, to state: inout InspectorState) {
        // The session's own notes belong to no connection, so they show whichever one the log shows.
        if case .note(let text, let isError) = event {
            state.relayNote(text, connection: 0, isError: isError)
            return
        }
        state.apply(event, currentGeneration: 0)
    }

    /// Carries out what a key asked for; `false` for ``InspectorEffect/quit``.
    package func perform(_ effect: InspectorEffect, state: inout InspectorState) -> Bool {
        switch effect {
        case .relay(let action):
            perform(action, state: &state)
        case .sendText(let text):
            send(.text(text), state: &state)
        case .sendBinary(let bytes):
            send(.binary(bytes), state: &state)
        case .ping, .close, .reconnect, .setAutoReconnect, .connect:
            // The legs answer pings and pass closes themselves; a relayed connection is the client's to end.
            state.relayNote(
                "not in relay mode: compose sends messages to a connection (Ctrl-D: client or server)",
                connection: 0, isError: true)
        case .copyToClipboard:
            break  // the terminal layer writes it
        case .saveFile(let path, let bytes, let overwrite):
            switch PayloadFile.save(bytes, to: path, overwrite: overwrite) {
            case .written: state.relayNote("wrote \(bytes.count) bytes to \(path)", connection: 0)
            case .exists: state.askToOverwrite(path: path, bytes: bytes)
            case .failed(let reason): state.relayNote("not saved: \(path): \(reason)", connection: 0, isError: true)
            }
        case .export(let path, let filtered):
            // One HAR entry per relayed connection, named by its upstream URL: the client's messages as sent, the
            // server's as received, as the client's own browser would have recorded them.
            let outcome = LogExport.write(
                state.log, filtered: filtered, to: path, fallbackURL: state.status.url, settings: ExportSettings(),
                connectionOf: { [state] record in state.relayConnection(of: record) })
            state.relayNote(outcome.text, connection: 0, isError: outcome.isError)
        case .quit:
            return false
        }
        return true
    }

    private func perform(_ action: RelayAction, state: inout InspectorState) {
        switch action {
        case .setIntercept(let connection, let mode):
            relay.setIntercept(
                connection: connection, clientToServer: mode.holds(.clientToServer),
                serverToClient: mode.holds(.serverToClient))
        case .decide(let hold, let decision):
            let decided = relay.decide(
                connection: hold.connection, direction: hold.flow.relayDirection, id: hold.id, decision.relayDecision)
            if !decided {
                state.relayNote(
                    "that message is no longer held: it was decided already, or its connection ended",
                    connection: hold.connection, isError: true)
            }
        case .forwardAll(let connection):
            relay.forwardAllHeld(connection: connection)
        }
    }

    /// Compose's message: in place of the held message being edited, else injected on the connection keys act on,
    /// toward the side ``RelayModel/injectTarget`` names.
    private func send(_ message: Message, state: inout InspectorState) {
        if let hold = state.takeEditedHold() {
            perform(.decide(hold, .replace(message)), state: &state)
            return
        }
        guard let connection = state.relayFocusConnection, let target = state.relay?.injectTarget else {
            state.relayNote("not sent: pick a connection first (C lists them)", connection: 0, isError: true)
            return
        }
        if !relay.inject(message, connection: connection, direction: target.flowToward.relayDirection) {
            state.relayNote(
                "not sent: connection #\(connection) has ended, or too many messages wait on it", connection: connection,
                isError: true)
        }
    }
}

/// The relay's observer in relay mode: turns each relay event into a queue event for the UI thread.
///
/// Bounded: while the UI queue is past its high-water mark (see ``setBehind(_:)``), plain forwarded messages are
/// counted rather than queued (the relay still forwards them), and a note says how many the log missed with the
/// next event after it has caught up. Everything else (held messages, decisions, opens and closes) is always queued: the model's
/// state depends on it.
package final class RelayEventSink: RelayObserver {
    private let push: @Sendable (SessionEvent) -> Void
    private let skipped = Mutex((behind: false, count: 0, unreported: 0))

    /// Pushes events with `push`.
    package init(push: @escaping @Sendable (SessionEvent) -> Void) {
        self.push = push
    }

    /// Says whether the UI has fallen behind (the queue's high-water mark) or caught up again. Called under the
    /// queue's lock, so it queues nothing itself.
    package func setBehind(_ behind: Bool) {
        skipped.withLock { state in
            state.behind = behind
            if !behind {
                state.unreported += state.count
                state.count = 0
            }
        }
    }

    /// Queues `event` for the UI thread.
    package func relay(_ event: RelayEvent) {
        let missed = skipped.withLock { state -> Int in
            guard !state.behind, state.unreported > 0 else { return 0 }
            defer { state.unreported = 0 }
            return state.unreported
        }
        if missed > 0 {
            push(.note("\(missed) forwarded messages were not logged: the inspector fell behind the relay", isError: true))
        }
        let time = Date()
        let logged: RelayLogEvent
        switch event {
        case .opened(let connection, let peer, let upstream, let chosen, let clientExtensions, let serverExtensions):
            logged = .opened(
                connection: connection, peer: peer, upstream: upstream, protocol: chosen,
                clientExtensions: clientExtensions, serverExtensions: serverExtensions, time: time)
        case .refused(let connection, let peer, let upstream, let reason):
            logged = .refused(connection: connection, peer: peer, upstream: upstream, reason: reason, time: time)
        case .forwarded(let connection, let direction, let message, let frames):
            let skip = skipped.withLock { state in
                if state.behind { state.count += 1 }
                return state.behind
            }
            if skip { return }
            logged = .message(
                connection: connection, flow: direction.flow, message: message, kind: .forwarded, frames: frames, time: time)
        case .held(let connection, let direction, let id, let message, let frames):
            logged = .message(
                connection: connection, flow: direction.flow, message: message, kind: .held(id: id), frames: frames,
                time: time)
        case .injected(let connection, let direction, let message):
            logged = .message(connection: connection, flow: direction.flow, message: message, kind: .injected, time: time)
        case .released(let connection, let direction, let id, let decision):
            logged = .decided(
                connection: connection, flow: direction.flow, holdID: id, decision: decision.inspectorDecision, time: time)
        case .unsent(let connection, let direction, let count):
            logged = .unsent(connection: connection, flow: direction.flow, count: count, time: time)
        case .closed(let connection, let side, let code, let reason):
            logged = .ended(connection: connection, by: side.peer, code: code, reason: reason, clean: true, time: time)
        case .ended(let connection, let side, let code, let reason):
            logged = .ended(connection: connection, by: side.peer, code: code, reason: reason, clean: false, time: time)
        }
        push(.relay(logged))
    }
}

extension RelayDirection {
    fileprivate var flow: RelayFlow { self == .clientToServer ? .clientToServer : .serverToClient }
}

extension RelayFlow {
    fileprivate var relayDirection: RelayDirection { self == .clientToServer ? .clientToServer : .serverToClient }
}

extension RelaySide {
    fileprivate var peer: RelayPeer { self == .client ? .client : .server }
}

extension HoldDecision {
    fileprivate var inspectorDecision: RelayHoldDecision {
        switch self {
        case .forward: return .forward
        case .replace(let message): return .replace(message)
        case .drop: return .drop
        }
    }
}

extension RelayHoldDecision {
    fileprivate var relayDecision: HoldDecision {
        switch self {
        case .forward: return .forward
        case .replace(let message): return .replace(message)
        case .drop: return .drop
        }
    }
}
