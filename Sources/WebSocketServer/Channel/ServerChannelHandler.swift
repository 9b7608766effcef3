import NIOCore
import WebSocketCore

/// The NIO glue for one connection: reads the HTTP head, answers the handshake as the route says, then feeds
/// bytes to the core and events to the behaviour, and closes TCP when the WebSocket is done.
///
/// Memory per connection is bounded: the head by the core parser's limit, messages by the core's
/// `maxPayloadSize`, and outgoing data by backpressure — reads are held back while the channel is not writable,
/// so a client that sends but never reads cannot make the echo queue grow.
final class ServerChannelHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// How long the server waits for the client's FIN after its own, or for the client's Close after sending one,
    /// before closing TCP outright; it keeps unresponsive clients from holding connections forever.
    static let lingerTimeout = TimeAmount.seconds(10)

    enum Phase {
        /// Collecting the request head.
        case awaitingHead
        /// Relay mode: the request was valid and the gateway is opening the upstream; reads are paused and bytes
        /// that arrived anyway wait here until the 101 is written.
        case awaitingUpstream(request: ServerHandshake.Request, early: [UInt8])
        /// Upgraded: bytes go to the core, messages to the behaviour.
        case upgraded(ServerSession, any Behaviour)
        /// Input is read and dropped: after an HTTP error or a non-101 flaw, for `/bad/silent`, and once TCP is
        /// closing.
        case discarding
    }

    /// How permessage-deflate offers are answered on routes that accept it; `nil` turns compression off
    /// (except for `/bomb`, which exists only compressed and then uses the default policy).
    let deflatePolicy: PerMessageDeflateServerPolicy?
    /// Set in relay mode: valid requests go to it instead of the router.
    let gateway: (any RelayGateway)?

    var phase = Phase.awaitingHead
    /// The behaviour of an upgraded connection, kept until `channelInactive` tells it the connection ended.
    private var endingBehaviour: (any Behaviour)?
    private var headParser = HTTPHeadParser()
    private var readHeldBack = false
    private var outputClosed = false
    private var lingerTimer: Scheduled<Void>?
    let statistics: ServerStatistics

    /// Creates the handler for one accepted connection, answering deflate offers with `deflatePolicy` (nil: never)
    /// and reporting into `statistics`; with a `gateway`, every valid request is relayed instead of routed.
    init(deflatePolicy: PerMessageDeflateServerPolicy?, statistics: ServerStatistics, gateway: (any RelayGateway)? = nil) {
        self.deflatePolicy = deflatePolicy
        self.statistics = statistics
        self.gateway = gateway
    }

    // MARK: Inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        switch phase {
        case .awaitingHead:
            readHead(buffer, context: context)
        case .upgraded(let session, let behaviour):
            buffer.withUnsafeReadableBytes { session.receive($0) }
            dispatchEvents(session, behaviour: behaviour)
            settle(session, context: context)
        case .awaitingUpstream(let request, let early):
            phase = .awaitingUpstream(request: request, early: early + buffer.readableBytesView)
        case .discarding:
            break
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if !context.channel.isWritable, case .upgraded = phase { statistics.recordWriteStall() }
        if context.channel.isWritable {
            if readHeldBack {
                readHeldBack = false
                context.read()
            }
            // Writability can flip inside a flush that a behaviour itself triggered; resuming on a fresh stack
            // means a behaviour is never re-entered.
            context.eventLoop.assumeIsolated().execute { [self] in
                guard case .upgraded(let session, let behaviour) = phase, session.isWritable else { return }
                behaviour.resume(session)
                settle(session, context: context)
            }
        }
        context.fireChannelWritabilityChanged()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is ServerStopping else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        if case .upgraded(let session, _) = phase, session.canSendData {
            session.close(code: CloseCode.goingAway, reason: "server stopping")
            session.flush()
        }
        phase = .discarding
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        lingerTimer?.cancel()
        lingerTimer = nil
        // Told even when the phase has already moved on to discarding (a stop, a failure, our own close).
        endingBehaviour?.ended()
        endingBehaviour = nil
        phase = .discarding
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A reset or similar from the client: nothing to answer, just let go of the connection.
        context.close(promise: nil)
    }

    // MARK: Outbound

    func read(context: ChannelHandlerContext) {
        switch phase {
        case .upgraded(_, let behaviour) where !behaviour.readsFromClient:
            return
        case .upgraded(_, let behaviour) where !behaviour.readsOnlyWhenWritable:
            context.read()
            return
        case .upgraded(let session, _) where session.isStreamingEcho:
            // The rest of a message echoed while it arrives is read even while the echo cannot drain: a client that
            // sends a whole message before reading (kosoku, any blocking client) would otherwise never finish it,
            // and both sides would wait forever. What waits is at most the rest of that one message.
            context.read()
            return
        case .awaitingUpstream:
            // The client should send nothing before the 101; what it does send waits for `acceptRelay`.
            return
        default:
            break
        }
        if context.channel.isWritable {
            context.read()
        } else {
            readHeldBack = true
        }
    }

    // MARK: Handshake

    private func readHead(_ buffer: ByteBuffer, context: ChannelHandlerContext) {
        let head: HTTPHead
        do {
            guard let complete = try headParser.append(buffer.readableBytesView) else { return }
            head = complete
        } catch {
            refuse(PlainResponse.badRequest(error.message), context: context)
            return
        }
        let request: ServerHandshake.Request
        switch ServerHandshake.parse(head) {
        case .failure(let error):
            refuse(PlainResponse.badRequest("not a WebSocket upgrade: \(error.message)"), context: context)
            return
        case .success(let parsed):
            request = parsed
        }
        if let gateway {
            phase = .awaitingUpstream(request: request, early: headParser.leftover)
            let client = RelayClientLeg(handler: self, context: context)
            let relayed = RelayRequest(
                target: request.target, protocols: request.protocols, headers: request.headers, peer: client.peer)
            gateway.clientArrived(relayed, client: client)
            return
        }
        let route: Route
        switch Route.parse(request.target) {
        case .failure(let error):
            refuse(PlainResponse.refusal(error), context: context)
            return
        case .success(let parsed):
            route = parsed
        }

        let chosen = route.subprotocol.choose(offered: request.protocols)
        var agreement: PerMessageDeflateServerPolicy.Agreement?
        let response: [UInt8]
        switch route.handshake {
        case .silent:
            phase = .discarding
            return
        case .flawed(let flaw) where !flaw.switchesProtocols:
            // Not a 101: the client should give up and close; the server just waits for that.
            write(flaw.response(key: request.key, protocol: chosen), context: context)
            context.flush()
            phase = .discarding
            return
        case .flawed(let flaw):
            response = flaw.response(key: request.key, protocol: chosen)
        case .byBehaviour:
            response = []
        case .accept:
            agreement = deflateAgreement(route: route, offers: request.extensions)
            response = ServerHandshake.response(key: request.key, protocol: chosen, extensions: agreement?.responseValue)
        }
        write(response, context: context)
        // Frames a client sent right behind its request arrived with the head.
        upgrade(to: route.behaviour.make(head: head), deflate: agreement, early: headParser.leftover, context: context)
    }

    /// Starts the WebSocket once its 101 response has been written: makes the session, starts the behaviour and
    /// feeds it the bytes that came in behind the request.
    func upgrade(
        to behaviour: any Behaviour, deflate agreement: PerMessageDeflateServerPolicy.Agreement?, early: [UInt8],
        context: ChannelHandlerContext
    ) {
        let session = ServerSession(
            context: context, answersClose: behaviour.answersClose, deflate: agreement?.parameters)
        phase = .upgraded(session, behaviour)
        endingBehaviour = behaviour
        statistics.recordUpgrade()
        behaviour.start(session)
        early.withUnsafeBytes { session.receive($0) }
        dispatchEvents(session, behaviour: behaviour)
        settle(session, context: context)
    }

    /// The permessage-deflate answer for this route and these offers; `nil` when the route or the server does not
    /// compress, or no offer was acceptable (the connection then simply goes on uncompressed).
    private func deflateAgreement(route: Route, offers: [ExtensionElement]) -> PerMessageDeflateServerPolicy.Agreement? {
        guard route.acceptsDeflate else { return nil }
        guard let policy = deflatePolicy ?? (route.behaviour.isBomb ? PerMessageDeflateServerPolicy() : nil) else { return nil }
        return try? policy.accept(offers).get()
    }

    /// Answers a request that will not be upgraded, then closes.
    private func refuse(_ response: [UInt8], context: ChannelHandlerContext) {
        write(response, context: context)
        closeTCP(context: context)
    }

    /// Writes HTTP bytes (not flushed).
    func write(_ bytes: [UInt8], context: ChannelHandlerContext) {
        context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
    }

    // MARK: WebSocket

    /// Hands the behaviour each message as the core parses it. One frame at a time matters: an echo written
    /// here is queued before the core reads a Close or violation further on in the same read, so it goes out first.
    /// A large binary message that an echo streams goes out piece by piece as it arrives instead.
    func dispatchEvents(_ session: ServerSession, behaviour: any Behaviour) {
        while !session.isDropped, behaviour.takesMessages, let event = session.nextEvent() {
            // Pings were answered and Close handled by the core; what is left for TCP is decided in `settle`.
            switch event {
            case .message(let message): behaviour.received(message, on: session)
            case .closeReceived(let code, let reason): behaviour.receivedClose(code: code, reason: reason, on: session)
            case .failed(let violation): behaviour.failed(violation, on: session)
            case .frameReceived(let frame): behaviour.receivedFrame(frame)
            case .ping, .pong: break
            }
        }
        if behaviour.echoesWhileArriving { session.echoArrivingPayload() }
    }

    /// Writes what the core queued, flushes, and closes or arms the close timer as the closing handshake requires.
    func settle(_ session: ServerSession, context: ChannelHandlerContext) {
        guard case .upgraded = phase else { return }
        session.writeQueuedFrames()
        session.flush()
        if session.isDropped {
            // The drop waits for its writes to reach the socket; a client that stopped reading must not stall it.
            phase = .discarding
            armLingerTimer(context: context)
        } else if session.wantsTCPClosed && session.resetsAfterClose {
            phase = .discarding
            session.resetTCP()
        } else if session.wantsTCPClosed {
            closeTCP(context: context)
        } else if session.awaitsCloseReply {
            armLingerTimer(context: context)
        }
    }

    /// Closes TCP outright after `lingerTimeout` unless the connection ends first; arming twice keeps the first.
    private func armLingerTimer(context: ChannelHandlerContext) {
        guard lingerTimer == nil else { return }
        lingerTimer = context.eventLoop.assumeIsolated().scheduleTask(in: Self.lingerTimeout) {
            context.close(promise: nil)
        }
    }

    /// Closes TCP from the server side (RFC 6455 §7.1.1: the server closes first).
    ///
    /// Only the output is shut: the FIN follows the pending writes, and the socket keeps reading until the client's
    /// FIN. Closing both directions at once would answer any late client bytes with a reset, which can destroy the
    /// Close frame or HTTP response still on its way to the client.
    private func closeTCP(context: ChannelHandlerContext) {
        phase = .discarding
        guard !outputClosed else { return }
        outputClosed = true
        context.flush()
        let shutdown = context.eventLoop.makePromise(of: Void.self)
        context.close(mode: .output, promise: shutdown)
        shutdown.futureResult.assumeIsolated().whenFailure { _ in context.close(promise: nil) }
        // A timer armed while awaiting the client's Close is restarted: the client now gets the full time to
        // read the rest and send its FIN.
        lingerTimer?.cancel()
        lingerTimer = nil
        armLingerTimer(context: context)
    }
}
