import WebSocketCore

/// What a relay listener asks of the code that opens the far leg: it is told of every valid client request and
/// answers later, from any thread, through the `RelayClientLeg` it is given.
///
/// The listener cannot answer 101 on its own: the subprotocol the client gets must be the one the upstream chose,
/// so the client waits, with its reads paused, until the gateway calls `accept` or `refuse`.
package protocol RelayGateway: Sendable {
    /// A client's upgrade request passed the RFC 6455 checks; answer it through `client`.
    func clientArrived(_ request: RelayRequest, client: RelayClientLeg)
}

/// A client's upgrade request as the relay forwards it.
package struct RelayRequest: Sendable {
    /// The request target: path and query, starting with `/`.
    package var target: String
    /// The subprotocols the client offered, in its order.
    package var protocols: [String]
    /// Every header the client sent, WebSocket ones included; the gateway decides which go on.
    package var headers: HTTPHeaders
    /// The client's address, `host:port`, for the log.
    package var peer: String
}

/// What happens on the client's side of a relayed connection after it was accepted. Called on the client's event
/// loop, one call at a time, in the order things happened there.
package protocol RelayClientEvents: Sendable {
    /// A complete message from the client, with the data frames it arrived in; return `false` to stop reading
    /// from it until `resumeReading()`.
    func clientSent(_ message: Message, frames: [FramePiece]) -> Bool
    /// The client's Close arrived (already answered with the same code).
    func clientClosed(code: UInt16?, reason: String)
    /// The client broke a rule and was failed with the violation's close code.
    func clientFailed(_ violation: ProtocolViolation)
    /// The client's TCP connection closed; comes last, after any of the above.
    func clientGone()
}
