import Foundation
import Inspector
import WebSockets

/// Automatic reconnect and the on-open script: what happens between one connection's end and the next one's
/// first messages. Timers run as tasks that queue a ``SessionEvent/reconnectDue(generation:attempt:)``, so the
/// UI thread never waits on them.
extension InspectorSession {
    /// A new connection is being opened: stop what belonged to the last one, and draw the divider row.
    func startingConnection(_ number: Int, inbox: ScriptInbox?, in state: inout InspectorState) {
        reconnectTimer?.cancel()
        reconnectTimer = nil
        scriptTask?.cancel()
        scriptTask = nil
        scriptInbox = inbox
        failureText = nil
        state.status.reconnect = nil
        let cause = nextCause
        nextCause = nil
        // The time column's `since connect` counts this connection's rows, its divider and notes included, from
        // here (and from its handshake once that is sent).
        state.log.markConnectionStart(at: Date())
        // The first connection needs no divider: the log starts with it.
        guard number > 1 else { return }
        let time = Self.dividerClock.string(from: Date()).prefix(8)
        note("── connection \(number) · \(time) · \(cause ?? "on request") ──", in: &state)
    }

    /// Drops the connection `/reconnect`, `R` or `/connect` replaces, and says so before the next one's divider.
    /// Its own error and close events would arrive after the next connection's first rows, and only repeat this.
    func endReplaced(_ replaced: WebSocket, number: Int, by next: Int, in state: inout InspectorState) {
        let readyState = replaced.readyState
        replaced.setCallbacks()
        replaced.terminate()
        switch readyState {
        case .connecting: note("connection \(number): attempt cancelled for connection \(next)", in: &state)
        case .open, .closing: note("connection \(number): dropped for connection \(next) (closed 1006, not clean)", in: &state)
        case .closed: break
        }
    }

    /// The current connection opened: the failure count starts again, and the on-open script runs.
    func opened(in state: inout InspectorState) {
        schedule.connectionOpened()
        guard let onOpen = options.onOpen, !onOpen.steps.isEmpty, let socket else { return }
        scriptTask = OnOpenRunner.start(onOpen, on: socket, inbox: scriptInbox ?? ScriptInbox(), sink: sink)
        note("on-open script: \(onOpen.steps.count) step\(onOpen.steps.count == 1 ? "" : "s")", in: &state)
    }

    /// The current connection ended (or an attempt failed): schedule the next attempt unless the user ended it.
    func ended(code: UInt16, reason: String, userAsked: Bool, in state: inout InspectorState) {
        scriptTask?.cancel()
        let detail = reason.isEmpty ? (failureText ?? "") : reason
        let cause = "after close \(code)" + (detail.isEmpty ? "" : ": " + detail)
        var random = SystemRandomNumberGenerator()
        switch schedule.connectionEnded(cause: cause, userAsked: userAsked, now: Date(), random: &random) {
        case .none:
            break
        case .reconnect(let attempt, let delay, let due):
            state.status.reconnect = PendingReconnect(attempt: attempt, due: due)
            let generation = self.generation
            let sink = self.sink
            reconnectTimer?.cancel()
            reconnectTimer = Task {
                try? await Task.sleep(for: delay)
                if !Task.isCancelled { sink(.reconnectDue(generation: generation, attempt: attempt)) }
            }
            let tenths = Int((delay.seconds * 10).rounded(.up))
            note("reconnecting in \(tenths / 10).\(tenths % 10) s (attempt \(attempt))", in: &state)
        case .giveUp(let attempts):
            // No key hint: --dump has no keys (in the inspector, R starts a fresh round).
            note(
                "reconnect: gave up after \(attempts) failed attempt\(attempts == 1 ? "" : "s") in a row "
                    + "(--reconnect-attempts)", isError: true, in: &state)
        }
    }

    /// Makes the waiting attempt now (its timer ran out, or `R`).
    func reconnectNow(in state: inout InspectorState) {
        if let cause = schedule.attemptStarted() { nextCause = cause }
        do {
            try connect(state: &state)
        } catch {
            note("reconnect failed: \(error.message)", isError: true, in: &state)
        }
    }

    /// Forgets a waiting attempt (`/close` while waiting, `/connect`); reconnecting stays on for later ends.
    func cancelPendingReconnect(in state: inout InspectorState) {
        guard schedule.pending != nil else { return }
        reconnectTimer?.cancel()
        reconnectTimer = nil
        schedule.cancelPending()
        state.status.reconnect = nil
        note("automatic reconnect cancelled", in: &state)
    }

    /// `/reconnect auto` and `/reconnect off`.
    func setAutoReconnect(_ enabled: Bool, in state: inout InspectorState) {
        if !enabled { cancelPendingReconnect(in: &state) }
        schedule.setEnabled(enabled)
        note(
            enabled ? "automatic reconnect on: after any close you did not ask for" : "automatic reconnect off",
            in: &state)
    }

    /// Whether `script` waits for answers, and so needs the received texts.
    static func needsInbox(_ script: OnOpenScript) -> Bool {
        script.steps.contains { if case .wait = $0 { true } else { false } }
    }

    /// The divider's clock (`HH:mm:ss` of its `HH:mm:ss.SSS`).
    private static let dividerClock = ClockFormat()
}
