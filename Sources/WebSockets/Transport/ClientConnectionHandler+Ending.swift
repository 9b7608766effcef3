import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import WebSocketCore

/// The ending: timers that bound the closing handshake, and the final `error`/`close` events.
extension ClientConnectionHandler {
    func startCloseTimer() {
        guard closeTimer == nil else { return }
        closeTimer = eventLoop.assumeIsolated().scheduleTask(in: limits.closeTimeout.timeAmount) { self.closeTimedOut() }
    }

    func closeTimedOut() {
        guard phase != .finishing, phase != .finished else { return }
        if receivedClose == nil {
            fail(
                WebSocketError(
                    .timeout,
                    "close timeout: \(place) did not complete the closing handshake within \(ErrorDescriptions.seconds(limits.closeTimeout))"
                ))
        }
        closeChannelOrFinish()
    }

    func closeChannelOrFinish() {
        if phase == .draining {
            finish()  // TCP has already ended: nothing to close, and the held-back frames are given up
        } else if let channel {
            channel.close(promise: nil)
        } else if let context {
            context.close(promise: nil)
        } else {
            finish()
        }
    }

    /// A `wss:` server that hangs up before answering the upgrade has usually refused the TLS session itself:
    /// with TLS 1.3 a missing client certificate is only noticed after our side of the handshake is done, and the
    /// server's alert can be lost to a TCP reset. Say so rather than report a bare lost connection.
    func explainedDuringTLS(_ error: WebSocketError, phase: Phase) -> WebSocketError {
        guard url.secure, phase == .handshaking, error.cause == .connectionLost || error.cause == .tls else { return error }
        var message =
            error.cause == .tls && !error.message.hasPrefix("TLS: \(place) closed the connection without")
            ? error.message : "TLS: \(place) ended the TLS session right after the handshake, before answering the upgrade request"
        if !message.contains("client certificate") {
            message +=
                dispatcher.tls.certificateFile == nil
                ? "; no client certificate was configured, and the server may require one"
                : "; the server may have refused the client certificate"
        }
        return WebSocketError(.tls, message)
    }

    /// Records the first failure; later ones are consequences of it.
    func fail(_ error: WebSocketError) {
        if failure == nil { failure = error }
    }

    /// Emits the final events: `error` (on any failure) then `close`. Runs once.
    func finish() {
        let endedIn = phase
        guard endedIn != .finishing, endedIn != .finished else { return }
        phase = .finishing
        defer { phase = .finished }
        handshakeTimer?.cancel()
        closeTimer?.cancel()
        let unsent = shared.state.withLockedValue { s -> [QueuedSend] in
            let sends = s.pendingSends
            s.pendingSends = []
            return sends
        }
        failUnsent(unsent)
        let facts = CloseOutcome.Facts(
            stage: endedIn == .open || endedIn == .draining ? .open : endedIn == .handshaking ? .handshaking : .beforeHandshake,
            failure: failure,
            closingHandshakeDone: connection?.state == .closed,
            receivedClose: receivedClose,
            lostSends: shared.state.withLockedValue { $0.lostSends },
            place: place)
        let outcome = CloseOutcome.decide(facts) { explainedDuringTLS($0, phase: endedIn) }
        failure = outcome.error
        pings.failAll(outcome.error ?? WebSocketError(.connectionLost, "connection to \(place) closed"))
        nextWriteCompletion?.promise.succeed()
        nextWriteCompletion = nil
        shared.state.withLockedValue { s in
            s.readyState = .closed
        }
        if let error = outcome.error { shared.sink.emit(.error(ErrorEvent(error: error))) }
        shared.sink.emit(.close(outcome.close))
        context = nil
    }
}
