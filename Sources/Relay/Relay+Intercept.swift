import WebSocketCore

/// The inspector's hand on a running relay: intercept, decisions on held messages, and messages of its own.
/// Each call names a connection by its number; one that has ended is ignored (`false` where a result is given).
extension Relay {
    /// Holds new messages of connection `connection` going `clientToServer` and/or `serverToClient` (both `false`:
    /// none). What is already held stays held until decided.
    package func setIntercept(connection: Int, clientToServer: Bool, serverToClient: Bool) {
        guard let pair = gateway.pair(connection) else { return }
        pair.toServer.setIntercepting(clientToServer)
        pair.toClient.setIntercepting(serverToClient)
    }

    /// Decides held message `id` of `connection` going `direction`; it is sent (or dropped) once the ones held
    /// before it are decided. `false` when no such message is held.
    @discardableResult
    package func decide(connection: Int, direction: RelayDirection, id: Int, _ decision: HoldDecision) -> Bool {
        gateway.pair(connection)?.gate(direction).decide(id, decision) ?? false
    }

    /// Forwards every message held on `connection`, both directions, each in order; returns how many were held.
    @discardableResult
    package func forwardAllHeld(connection: Int) -> Int {
        guard let pair = gateway.pair(connection) else { return 0 }
        return pair.toServer.forwardAll() + pair.toClient.forwardAll()
    }

    /// Sends `message` of the inspector's own on `connection` going `direction` (toward the server for
    /// `clientToServer`), ahead of held messages. `false` when the connection has ended or its queue is full.
    @discardableResult
    package func inject(_ message: Message, connection: Int, direction: RelayDirection) -> Bool {
        gateway.pair(connection)?.gate(direction).inject(message) ?? false
    }
}

extension RelayPair {
    /// The gate of `direction`.
    func gate(_ direction: RelayDirection) -> InterceptGate {
        direction == .clientToServer ? toServer : toClient
    }
}
