import WebSocketCore

/// How a connection ended, decided from what happened to it: the `close` event the application sees and the
/// `error` event that comes before it, if any. A pure function, so that every ending is a row of a table test.
struct CloseOutcome: Hashable {
    /// What the connection went through, as the channel handler saw it.
    struct Facts {
        /// Where the connection ended, for the life-cycle sentence of a lost connection.
        enum Stage { case beforeHandshake, handshaking, open }

        var stage: Stage
        /// The first failure recorded (later ones are its consequences).
        var failure: WebSocketError?
        /// Both Close frames crossed (RFC 6455 §7.1.4): the close is clean however TCP then ended.
        var closingHandshakeDone: Bool
        /// The peer's Close frame, if one arrived.
        var receivedClose: (code: UInt16?, reason: String)?
        /// Data the application sent never reached the socket.
        var lostSends: Bool
        /// `host:port` of the server, for messages.
        var place: String
    }

    /// The `close` event.
    var close: CloseEvent
    /// The `error` event emitted first, on any unclean end.
    var error: WebSocketError?

    /// Decides the outcome. `explainTLS` rewords a connection lost during a `wss:` handshake (see the handler).
    static func decide(_ facts: Facts, explainTLS: (WebSocketError) -> WebSocketError = { $0 }) -> CloseOutcome {
        var failure = facts.failure
        if failure == nil && !facts.closingHandshakeDone {
            let lost = WebSocketError(
                .connectionLost,
                facts.stage == .open
                    ? "connection to \(facts.place) closed without a Close frame"
                    : "connection to \(facts.place) closed during the opening handshake")
            failure = facts.stage == .handshaking ? explainTLS(lost) : lost
        }
        if facts.lostSends {
            // Data that never left is an unclean end even after a complete closing handshake.
            let lost = "data the application sent never reached the socket"
            failure =
                failure.map { WebSocketError($0.cause, "\($0.message); \(lost)", closeCode: $0.closeCode) }
                ?? WebSocketError(.connectionLost, "connection to \(facts.place) closed, but \(lost)")
        }
        if let failure {
            return CloseOutcome(close: CloseEvent(wasClean: false, code: failure.closeCode, reason: failure.message), error: failure)
        }
        let received = facts.receivedClose
        return CloseOutcome(
            close: CloseEvent(wasClean: true, code: received?.code ?? CloseCode.noStatusReceived, reason: received?.reason ?? ""),
            error: nil)
    }
}
