import Foundation
import WebSocketCore

/// Which way a relayed message went, as the inspector shows it. Client-to-server rows count as sent and
/// server-to-client rows as received, so the `s` and `r` filters hide one way each.
package enum RelayFlow: Sendable, Hashable {
    /// From the client, through the relay, to the server.
    case clientToServer
    /// From the server, through the relay, to the client.
    case serverToClient

    /// The log direction of its rows.
    package var direction: Direction { self == .clientToServer ? .sent : .received }

    /// The side a message going this way is delivered to.
    package var towards: RelayPeer { self == .clientToServer ? .server : .client }
}

/// One end of a relayed connection.
package enum RelayPeer: Sendable, Hashable {
    /// The program that connected to the relay.
    case client
    /// The upstream server.
    case server

    /// Its name in notes and the status bar.
    package var name: String { self == .client ? "client" : "server" }

    /// The direction of a message sent toward it.
    package var flowToward: RelayFlow { self == .server ? .clientToServer : .serverToClient }
}

/// What the inspector decided for a held message (the relay's `HoldDecision`, in the inspector's terms).
package enum RelayHoldDecision: Sendable, Hashable {
    /// Forward it as it arrived.
    case forward
    /// Forward this payload in its place.
    case replace(Message)
    /// Never forward it.
    case drop
}

/// What a relay reports to the inspector (the Session module turns the relay's own events into these).
package enum RelayLogEvent: Sendable {
    /// Both legs are open: the client's address, the upstream URL it was connected to, the subprotocol the
    /// upstream chose, and each leg's negotiated extensions.
    case opened(
        connection: Int, peer: String, upstream: String, protocol: String, clientExtensions: String,
        serverExtensions: String, time: Date)
    /// The upstream refused the client or could not be reached; the client was closed with `reason`.
    case refused(connection: Int, peer: String, upstream: String, reason: String, time: Date)
    /// A message crossed the relay: forwarded as it came, held by intercept (`holdID`), or injected by us;
    /// `frames` are the data frames it arrived in (empty for one the relay made).
    case message(
        connection: Int, flow: RelayFlow, message: Message, kind: RelayMessageKind, frames: [FramePiece] = [], time: Date)
    /// Held message `holdID` was decided and is now forwarded, forwarded edited, or dropped.
    case decided(connection: Int, flow: RelayFlow, holdID: Int, decision: RelayHoldDecision, time: Date)
    /// Messages waiting behind held ones were not forwarded: the connection ended first.
    case unsent(connection: Int, flow: RelayFlow, count: Int, time: Date)
    /// `side` ended the connection: with a Close (`code`, `reason`; `clean`) or without one (the other side was
    /// then closed with `code` and `reason`).
    case ended(connection: Int, by: RelayPeer, code: UInt16?, reason: String, clean: Bool, time: Date)
}

/// How a relayed message reached the log.
package enum RelayMessageKind: Sendable, Hashable {
    /// Forwarded as it came.
    case forwarded
    /// Held by intercept until decided.
    case held(id: Int)
    /// Sent by the inspector toward one side (compose in relay mode).
    case injected
}
