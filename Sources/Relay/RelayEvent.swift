import WebSocketCore

/// Which way a relayed message went.
package enum RelayDirection: Sendable, Hashable {
    /// From the client, through the relay, to the upstream server.
    case clientToServer
    /// From the upstream server, through the relay, to the client.
    case serverToClient
}

/// One side of a relayed connection.
package enum RelaySide: Sendable, Hashable {
    /// The program that connected to the relay.
    case client
    /// The upstream server the relay connected to.
    case server
}

/// What happened on a relayed connection, numbered from 1 in the order clients arrived.
package enum RelayEvent: Sendable, Hashable {
    /// Both legs are open: the client's address, the upstream URL, the subprotocol the upstream chose ("" for
    /// none), and each leg's `Sec-WebSocket-Extensions` value.
    case opened(connection: Int, peer: String, upstream: String, protocol: String, clientExtensions: String, serverExtensions: String)
    /// The upstream could not be reached or refused the handshake; the client was closed with 1014 and `reason`.
    case refused(connection: Int, peer: String, upstream: String, reason: String)
    /// A message went from one side to the other; `frames` are the data frames it arrived in, and it left in
    /// frames of the same sizes unless the relay sends whole messages.
    case forwarded(connection: Int, direction: RelayDirection, message: Message, frames: [FramePiece])
    /// A message arrived in an intercepted direction and is held until the inspector decides (`id` names it
    /// within its connection and direction; see ``Relay/decide(connection:direction:id:_:)``).
    case held(connection: Int, direction: RelayDirection, id: Int, message: Message, frames: [FramePiece])
    /// Held message `id` was decided: to be forwarded as it was or edited (in its turn, after messages held before
    /// it), or dropped.
    case released(connection: Int, direction: RelayDirection, id: Int, decision: HoldDecision)
    /// The inspector sent a message of its own in `direction` (toward the server or the client).
    case injected(connection: Int, direction: RelayDirection, message: Message)
    /// `count` messages that waited behind held ones were not forwarded: the connection ended first.
    case unsent(connection: Int, direction: RelayDirection, count: Int)
    /// `side` sent a Close with this code (`nil`: none) and reason, which was passed on to the other side.
    case closed(connection: Int, by: RelaySide, code: UInt16?, reason: String)
    /// `side` ended without a Close (or broke the protocol); the other side was closed with `code` and `reason`.
    case ended(connection: Int, by: RelaySide, code: UInt16, reason: String)
}

/// Receives a relay's events, from any thread; calls for one connection come one at a time per direction.
package protocol RelayObserver: Sendable {
    /// Called for every event.
    func relay(_ event: RelayEvent)
}
