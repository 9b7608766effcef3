import NIOCore
import WebSocketCore

/// Relay mode's side of the handler: the 101 written once the upstream has answered, and the calls a
/// `RelayClientLeg` makes on the client's event loop.
extension ServerChannelHandler {
    /// Writes the 101 for the request waiting in `.awaitingUpstream` and upgrades; returns the extensions answered.
    func acceptRelay(protocol chosen: String?, events: any RelayClientEvents, context: ChannelHandlerContext) throws -> String {
        guard case .awaitingUpstream(let request, let early) = phase, context.channel.isActive else {
            throw RelayClientLeft()
        }
        // Each leg negotiates deflate on its own: the client gets this server's answer to its own offer.
        let agreement = deflatePolicy.flatMap { try? $0.accept(request.extensions).get() }
        let offered = chosen.map { name in request.protocols.contains(name) } ?? true
        // An upstream that chose a protocol the client never offered would make the client fail; say none instead.
        write(
            ServerHandshake.response(key: request.key, protocol: offered ? chosen : nil, extensions: agreement?.responseValue),
            context: context)
        let behaviour = RelayBehaviour(events: events)
        upgrade(to: behaviour, deflate: agreement, early: early, context: context)
        if behaviour.readsFromClient { context.read() }
        return agreement?.responseValue ?? ""
    }

    /// Sends a batch of messages to the relayed client and flushes once; see `RelayClientLeg.send`.
    func forwardRelayed(_ batch: [RelayedSend], context: ChannelHandlerContext) {
        guard case .upgraded(let session, let behaviour as RelayBehaviour) = phase else {
            for item in batch { item.sent.succeed(false) }
            return
        }
        for item in batch { behaviour.forward(item.message, frameSizes: item.frameSizes, on: session, sent: item.sent) }
        settle(session, context: context)
    }

    /// Starts the closing handshake with the relayed client; see `RelayClientLeg.close`.
    func closeRelayed(code: UInt16?, reason: String, context: ChannelHandlerContext) {
        guard case .upgraded(let session, _) = phase, session.canSendData else { return }
        session.close(code: code, reason: reason)
        settle(session, context: context)
    }

    /// Lets reads from the relayed client go on; see `RelayClientLeg.resumeReading`.
    func resumeRelayedReads(context: ChannelHandlerContext) {
        guard case .upgraded(let session, let behaviour as RelayBehaviour) = phase, behaviour.unpause() else { return }
        // Frames that arrived while paused are still in the core, unparsed; they go first, and may pause again.
        dispatchEvents(session, behaviour: behaviour)
        settle(session, context: context)
        if behaviour.readsFromClient { context.read() }
    }
}
