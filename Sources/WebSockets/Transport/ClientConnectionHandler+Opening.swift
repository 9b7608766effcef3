import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import WebSocketCore

/// Opening: TCP (and TLS, and proxies) to the server, the upgrade request, and the response checked.
extension ClientConnectionHandler {
    /// Starts the connection: the handshake timer, then TCP (and TLS) to the server.
    func start() {
        guard phase == .idle else { return }
        phase = .connecting
        let loop = eventLoop.assumeIsolated()
        handshakeTimer = loop.scheduleTask(in: limits.handshakeTimeout.timeAmount) { self.handshakeTimedOut() }

        let plan: ConnectionPlan
        do {
            plan = try ConnectionPlan.make(for: url, dispatcher: dispatcher, tap: tap)
        } catch {
            fail(error)
            finish()
            return
        }
        let boundSelf = NIOLoopBound(self, eventLoop: eventLoop)
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(limits.connectTimeout.timeAmount)
            .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            // Reads grow to 256 KiB while the peer keeps them full, so small messages still use small buffers;
            // larger reads leave the L2 cache before the parser copies them out (sizes measured in PROFILE.md).
            // They start at 512 bytes, enough for a handshake response: the channel keeps its last read buffer,
            // so the first size is what every idle connection holds.
            .channelOption(
                ChannelOptions.recvAllocator,
                value: AdaptiveRecvByteBufferAllocator(minimum: 64, initial: 512, maximum: 256 << 10)
            )
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try plan.installHandlers(channel)
                    try channel.pipeline.syncOperations.addHandler(boundSelf.value)
                }
            }
        bootstrap.connect(host: plan.connectHost, port: plan.connectPort).assumeIsolated().whenComplete { result in
            switch result {
            case .success(let channel):
                if self.phase == .finishing || self.phase == .finished {
                    channel.close(promise: nil)
                } else {
                    self.channel = channel
                }
            case .failure(let error):
                self.fail(ErrorDescriptions.describe(error, host: plan.connectHost, port: plan.connectPort))
                self.finish()
            }
        }
    }

    func handshakeTimedOut() {
        guard phase == .connecting || phase == .handshaking else { return }
        // Which stage it stopped at: a TCP connection not made, TLS or a proxy tunnel not finished (our
        // channelActive is held until they are), or an upgrade request with no complete answer.
        let stage =
            phase == .handshaking
            ? "the upgrade request was sent and no complete response came"
            : channel == nil ? "no TCP connection yet" : "connected, but the TLS handshake or proxy tunnel did not finish"
        fail(
            WebSocketError(
                .timeout,
                "handshake timeout: no WebSocket handshake with \(place) within \(ErrorDescriptions.seconds(limits.handshakeTimeout)) (\(stage))"
            ))
        closeChannelOrFinish()
    }

    func readHandshake(_ buffer: ByteBuffer, context: ChannelHandlerContext) {
        let head: HTTPHead
        do {
            guard let parsed = try headParser.append(buffer.readableBytesView) else { return }
            head = parsed
        } catch {
            fail(WebSocketError(.handshake, "handshake: malformed response from \(place): \(error.message)"))
            context.close(promise: nil)
            return
        }
        tap?(WireRecord(direction: .received, content: .handshakeResponse(head.rawBytes)))
        let negotiated: NegotiatedHandshake
        var deflate: NegotiatedDeflate?
        do {
            negotiated = try HandshakeValidator.validate(
                head, key: request.key, offeredProtocols: request.protocols,
                offeredExtensions: deflateOffer == nil ? [] : [PerMessageDeflateOffer.name])
            if let deflateOffer,
                let element = negotiated.extensionList.first(where: { $0.name.lowercased() == PerMessageDeflateOffer.name })
            {
                deflate = try deflateOffer.negotiate(element)
            }
        } catch {
            fail(WebSocketError(.handshake, error.message(bodyStart: headParser.leftover)))
            context.close(promise: nil)
            return
        }
        handshakeTimer?.cancel()
        handshakeTimer = nil
        phase = .open
        var configuration = ConnectionConfiguration(
            role: .client, maxPayloadSize: limits.maxPayloadSize, maxFragments: limits.maxFragments)
        configuration.capturesWireBytes = tap != nil
        configuration.deflate = deflate
        configuration.decodesText = !shared.sink.traits.takesTextAsUTF8
        connection = WebSocketConnection(configuration: configuration)
        binaryType = shared.state.withLockedValue { s in
            s.readyState = .open
            s.negotiatedProtocol = negotiated.protocol
            s.negotiatedExtensions = negotiated.extensions
            return s.binaryType
        }
        shared.sink.emit(.open(OpenEvent(protocol: negotiated.protocol, extensions: negotiated.extensions)))
        let boundSelf = NIOLoopBound(self, eventLoop: eventLoop)
        let loop = eventLoop
        shared.sink.onReady { loop.execute { boundSelf.value.resumeDelivery() } }
        let leftover = headParser.leftover
        // The parser's copy of the response is not needed once open; an idle connection should not hold it.
        headParser = HTTPHeadParser()
        if !leftover.isEmpty {
            readFrames(context.channel.allocator.buffer(bytes: leftover))
        }
    }
}
