import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import WebSocketCore

/// The channel handler behind one `WebSocket` or `WebSocketStream`: it connects, runs the opening handshake, feeds the sans-I/O
/// connection state machine, writes its frames, runs the timers, and turns everything into events.
///
/// It lives on one event loop and every method runs there; the `WebSocket` reaches it only by scheduling work on
/// that loop, so it needs no locks of its own.
final class ClientConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum Phase { case idle, connecting, handshaking, open, finished }

    private let shared: WebSocketShared
    private let url: WebSocketURL
    private let request: HandshakeRequest
    private let dispatcher: any Dispatcher
    private var eventLoop: any EventLoop { shared.eventLoop }
    private var limits: ConnectionLimits { dispatcher.limits }
    private var place: String { url.host.contains(":") ? "[\(url.host)]:\(url.port)" : "\(url.host):\(url.port)" }

    /// The wire tap, if an observer is attached.
    var tap: WireTap? {
        didSet { connection?.capturesWireBytes = tap != nil }
    }

    /// When the bytes being parsed were read, for the tap's records of received frames: taken once per read while
    /// a tap listens, as every frame of a read arrived together (a clock read per frame was about 5% of the
    /// inspector's connection thread under a flood).
    private var readTime: Date?

    private var phase: Phase = .idle
    private var context: ChannelHandlerContext?
    /// The channel's allocator, kept because asking the channel for it costs a hundred instructions a time.
    private var allocator = ByteBufferAllocator()
    private var channel: (any Channel)?
    private var headParser = HTTPHeadParser()
    /// Not checked for exclusive access at run time: it is used on the event loop only, and its methods are the
    /// core's, which never call back out, so no access to it can begin inside another. The check ran for every
    /// event (`nextEvent()`) and was 5% of a tapped flood's loop thread.
    @exclusivity(unchecked) private var connection: WebSocketConnection?
    private var receivedClose: (code: UInt16?, reason: String)?
    private var failure: WebSocketError?
    private var handshakeTimer: Scheduled<Void>?
    private var closeTimer: Scheduled<Void>?
    private var pings = PingTracker()
    private var pongs = PongBacklog()
    /// The next batch write's completion, made ahead after a flush; completed unused when the connection ends.
    private var nextWriteCompletion: WriteCompletion?
    private var inReadBatch = false
    private var needsFlush = false
    private var binaryType: BinaryType = .data
    private var finishing = false
    private var readingPaused = false
    /// The sink's last answer, from `readyForMore` or from delivering a message.
    private var sinkReady = false

    private let deflateOffer: PerMessageDeflateOffer?

    init(shared: WebSocketShared, setup: ConnectionSetup, tap: WireTap?) {
        self.deflateOffer = setup.deflateOffer
        self.shared = shared
        self.url = setup.url
        self.request = setup.request
        self.dispatcher = setup.dispatcher
        self.tap = tap
    }

    // MARK: Connecting

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
            // Reads grow to 256 KiB while the peer keeps them full, so small messages still use small buffers.
            // Larger reads lose on large messages: a 1 MiB read has left the L2 cache before the parser copies it
            // out (bulk 1 MiB echo +15% at 256 KiB against 1 MiB, +7% against 512 KiB). A flood of 4 KiB messages
            // would gain from 512 KiB reads (+12%), but it is far above its target and bulk is not.
            .channelOption(
                ChannelOptions.recvAllocator,
                value: AdaptiveRecvByteBufferAllocator(minimum: 64, initial: 2048, maximum: 256 << 10))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try plan.installHandlers(channel)
                    try channel.pipeline.syncOperations.addHandler(boundSelf.value)
                }
            }
        bootstrap.connect(host: plan.connectHost, port: plan.connectPort).assumeIsolated().whenComplete { result in
            switch result {
            case .success(let channel):
                if self.phase == .finished {
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

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        allocator = context.channel.allocator
    }

    func channelActive(context: ChannelHandlerContext) {
        guard phase == .connecting else { return }
        phase = .handshaking
        let bytes = request.serialized()
        tap?(WireRecord(direction: .sent, content: .handshakeRequest(bytes)))
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
        context.fireChannelActive()
    }

    private func handshakeTimedOut() {
        guard phase == .connecting || phase == .handshaking else { return }
        // Which stage it stopped at: a TCP connection not made, TLS or a proxy tunnel not finished (our
        // channelActive is held until they are), or an upgrade request with no complete answer.
        let stage = phase == .handshaking ? "the upgrade request was sent and no complete response came"
            : channel == nil ? "no TCP connection yet" : "connected, but the TLS handshake or proxy tunnel did not finish"
        fail(WebSocketError(.timeout, "handshake timeout: no WebSocket handshake with \(place) within \(ErrorDescriptions.seconds(limits.handshakeTimeout)) (\(stage))"))
        closeChannelOrFinish()
    }

    // MARK: Reading

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        inReadBatch = true
        switch phase {
        case .handshaking:
            readHandshake(buffer, context: context)
        case .open:
            readFrames(buffer)
            // Answers to this read's messages leave now, not once NIO has unwound the read and decided whether to
            // read again: every complete message of the read has been delivered, so no later answer could join them.
            flushIfNeeded(context)
        case .idle, .connecting, .finished:
            break
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        inReadBatch = false
        if phase == .open { shared.sink.batchEnded() }
        flushIfNeeded(context)
    }

    private func flushIfNeeded(_ context: ChannelHandlerContext) {
        if needsFlush {
            needsFlush = false
            flush(context)
        }
    }

    /// Flushes, then, while the peer reads what was flushed, prepares the next write's completion.
    private func flush(_ context: ChannelHandlerContext) {
        context.flush()
        if nextWriteCompletion == nil && phase == .open && !finishing {
            nextWriteCompletion = WriteCompletion(eventLoop: eventLoop, shared: shared)
        }
    }

    private func readHandshake(_ buffer: ByteBuffer, context: ChannelHandlerContext) {
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
            if let deflateOffer, let element = negotiated.extensionList.first(where: { $0.name.lowercased() == PerMessageDeflateOffer.name }) {
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
        configuration.decodesText = !shared.sink.takesTextAsUTF8
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
        if !leftover.isEmpty {
            readFrames(context.channel.allocator.buffer(bytes: leftover))
        }
    }

    private func readFrames(_ buffer: ByteBuffer) {
        guard connection != nil else { return }
        readTime = tap == nil ? nil : Date()
        // Lent, not appended: frames that lie whole in the read are parsed where NIO put them, so each payload is
        // copied once, into its frame, instead of first into the parser's buffer as well. What delivery leaves
        // unparsed (the sink pushed back) is copied when the loan ends, while the read's bytes are still valid.
        buffer.withUnsafeReadableBytes { bytes in
            connection!.lend(bytes)
            processEvents()
            connection?.endLoan()
        }
    }

    /// Hands parsed frames to the application while its sink takes them. When the sink pushes back (no consumer
    /// attached yet, or a stream reader behind its high-water mark) frames stay unparsed and reading pauses, so
    /// TCP pushes back on the server and nothing piles up for nobody; the sink's ready hook resumes.
    /// Returns whether delivery stopped because the sink pushed back.
    @discardableResult
    private func processEvents() -> Bool {
        let pushedBack = deliverEvents()
        // Within a read batch the sink hears of the batch's end once, at `channelReadComplete` (after up to four
        // reads), not after each read: a stream's reader on another thread is then woken once per batch. Waking it
        // after each 256 KiB read cost the event loop a `futex` wake-up per 64 messages of a 4 KiB flood, and the
        // stream 10% of its rate (PROFILE.md). A sink that pushed back is told now: its consumer must drain it.
        if !inReadBatch || pushedBack { shared.sink.batchEnded() }
        return pushedBack
    }

    /// The loop of `processEvents`: returns whether delivery stopped because the sink pushed back.
    private func deliverEvents() -> Bool {
        sinkReady = shared.sink.readyForMore()
        // Asked once per read batch and passed on to the connection, which then skips building unwanted messages.
        let messagesWanted = shared.sink.wantsMessages()
        if let delivers = connection?.deliversMessages, delivers != messagesWanted {
            connection?.deliversMessages = messagesWanted
        }
        // One event at a time, with the frames it caused written before the next frame is parsed: an application
        // that answers a message from its callback answers before a later frame can fail the connection.
        while connection != nil {
            // Only a message changes the sink's answer, and delivering one returns it (no second lock).
            guard sinkReady else {
                if !readingPaused {
                    readingPaused = true
                    context?.channel.setOption(ChannelOptions.autoRead, value: false).whenFailure { _ in }
                }
                return true
            }
            guard let event = connection?.nextEvent() else { return false }
            // Decided before the event is handled, so that handling can move its frame into the tap's record.
            let isMessage: Bool, isDataFrame: Bool
            switch event {
            case .message: (isMessage, isDataFrame) = (true, false)
            case .frameReceived(let frame): (isMessage, isDataFrame) = (false, !frame.header.opcode.isControl)
            default: (isMessage, isDataFrame) = (false, false)
            }
            handle(event)
            // Without message deliveries nothing else would notice a `pause()` before the next read.
            if !messagesWanted && !shared.sink.stillReady() { sinkReady = false }
            // Only control frames and failures make the connection queue frames of its own (a pong, a close);
            // a data frame never does, so a flood skips the check. Sends from callbacks write themselves.
            if isMessage {
                // The read's last message, answered from its callback: the answer leaves now, before the message
                // is freed and the parser asked again, since no later message of this read could join it.
                if needsFlush && connection?.bufferedByteCount == 0, let context { flushIfNeeded(context) }
            } else if !isDataFrame {
                writeOutbound()
            }
        }
        return false
    }

    /// The sink can take more: parse what was held back and, unless it pushes back again, read again.
    private func resumeDelivery() {
        guard phase == .open, let context else { return }
        let pushedBack = processEvents()
        context.flush()
        if !pushedBack && readingPaused {
            readingPaused = false
            context.channel.setOption(ChannelOptions.autoRead, value: true).whenFailure { _ in }
        }
    }

    private func handle(_ event: consuming ConnectionEvent) {
        switch consume event {
        case .frameReceived(let frame):
            // A tap attached during this read has no read time yet: its first frames take the time they are seen.
            tap?(WireRecord(time: readTime ?? Date(), direction: .received, content: .frame(frame)))
        case .message(let message):
            switch message {
            case .text(let text):
                sinkReady = shared.sink.deliver(MessageEvent(data: .text(text)))
            case .binary(let bytes):
                let data: MessageData = binaryType == .data ? .data(Data(bytes)) : .bytes(bytes)
                sinkReady = shared.sink.deliver(MessageEvent(data: data))
            case .utf8Text(let bytes):
                sinkReady = shared.sink.deliverText(utf8: bytes)
            }
        case .ping:
            break  // the state machine queued the pong
        case .pong(let payload):
            shared.sink.emit(.pong(PongEvent(payload: payload, roundTripTime: pings.received(payload))))
        case .closeReceived(let code, let reason):
            receivedClose = (code, reason)
            setClosing()
            startCloseTimer()
        case .failed(let violation):
            fail(WebSocketError(.protocolViolation, violation.headline, closeCode: violation.closeCode))
            setClosing()
            startCloseTimer()
        }
    }

    private func setClosing() {
        shared.state.withLockedValue { s in
            if s.readyState == .open { s.readyState = .closing }
        }
    }

    // MARK: Writing

    /// Writes whatever the state machine queued (pongs, Close frames).
    private func writeOutbound() {
        // Checked through the optional so the common case (a data message, nothing queued) copies nothing.
        guard let context, connection?.hasOutbound == true, let frames = connection?.takeOutbound() else { return }
        for frame in frames {
            if frame.header.opcode == .pong {
                writePong(frame, context: context)
                continue
            }
            frame.payload.withUnsafeBytes { write(frame.header, payload: $0, context: context, promise: nil) }
            if frame.header.opcode == .close {
                pongs.closeSent()
                startCloseTimer()
            }
        }
        flushSoon(context)
    }

    /// Writes a pong unless the pong backlog is full (`PongBacklog`); a waiting pong follows on a fresh turn of the
    /// loop once one reaches the socket, never in the middle of a frame being written.
    private func writePong(_ pong: OutboundFrame, context: ChannelHandlerContext) {
        guard pongs.admit(pong) else { return }
        let written = context.eventLoop.makePromise(of: Void.self)
        pong.payload.withUnsafeBytes { write(pong.header, payload: $0, context: context, promise: written) }
        written.futureResult.assumeIsolated().whenComplete { _ in
            guard self.pongs.written(payloadCount: pong.payload.count) else { return }
            context.eventLoop.assumeIsolated().execute {
                guard self.context != nil, let next = self.pongs.takeWaiting() else { return }
                self.writePong(next, context: context)
                self.flushSoon(context)
            }
        }
    }

    private func write(
        _ header: FrameHeader, payload: UnsafeRawBufferPointer, context: ChannelHandlerContext,
        promise: EventLoopPromise<Void>?
    ) {
        var buffer = allocator.buffer(capacity: FrameEncoder.encodedSize(of: header))
        encode(header, payload: payload, into: &buffer)
        context.write(wrapOutboundOut(buffer), promise: promise)
    }

    /// Appends one frame's wire bytes to `buffer`, and shows the frame to the tap.
    private func encode(_ header: FrameHeader, payload: UnsafeRawBufferPointer, into buffer: inout ByteBuffer, inflated: [UInt8]? = nil) {
        let size = FrameEncoder.encodedSize(of: header)
        let start = buffer.writerIndex
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { target in
            FrameEncoder.encode(header, payload: payload, into: target)
        }
        if let tap {
            let wire = buffer.getBytes(at: start, length: size) ?? []
            let frame = Frame(header: header, payload: Array(payload), wireBytes: wire, inflatedPayload: inflated)
            tap(WireRecord(direction: .sent, content: .frame(frame)))
        }
    }

    private func flushSoon(_ context: ChannelHandlerContext) {
        if inReadBatch {
            needsFlush = true
        } else {
            flush(context)
        }
    }

    /// Sends every message the application queued: small messages are encoded together into one buffer and
    /// written with one promise, so a burst of sends costs one write and one flush, not one per message.
    func drainPendingSends() {
        let sends = shared.state.withLockedValue { s -> [QueuedSend] in
            let sends = s.pendingSends
            s.pendingSends = []
            return sends
        }
        send(sends)
    }

    /// Encodes and writes `sends` in order (see `drainPendingSends`), or fails them once the connection is not open.
    func send(_ sends: some Collection<QueuedSend>) {
        guard !sends.isEmpty else { return }
        guard phase == .open, let context, connection != nil else {
            failUnsent(sends)
            return
        }
        var batch = OutgoingBatch(allocator: allocator, for: sends.lazy.map(\.message.byteCount))
        for send in sends {
            batch.applicationBytes += send.message.byteCount
            if let written = send.written { batch.waiting.append(written) }
            switch send.message {
            case .text(var text):
                text.withUTF8 { encodeData(.text, payload: UnsafeRawBufferPointer($0), into: &batch, context: context) }
            case .bytes(let bytes):
                bytes.withUnsafeBytes { encodeData(.binary, payload: $0, into: &batch, context: context) }
            case .data(let data):
                data.withUnsafeBytes { encodeData(.binary, payload: $0, into: &batch, context: context) }
            }
            // Large messages go out on their own rather than grow one huge buffer.
            if batch.buffer.readableBytes >= OutgoingBatch.writeThreshold { write(&batch, context: context) }
        }
        write(&batch, context: context)
        flushSoon(context)
    }

    /// Writes a batch; its completion settles `bufferedAmount` and every waiting writer. A write that fails never
    /// reached the socket.
    private func write(_ batch: inout OutgoingBatch, context: ChannelHandlerContext) {
        guard batch.applicationBytes > 0 || !batch.waiting.isEmpty || batch.buffer.readableBytes > 0 else { return }
        let completion = nextWriteCompletion ?? WriteCompletion(eventLoop: eventLoop, shared: shared)
        nextWriteCompletion = nil
        completion.applicationBytes = batch.applicationBytes
        completion.waiting = batch.waiting
        context.write(wrapOutboundOut(batch.buffer), promise: completion.promise)
        batch = OutgoingBatch(allocator: allocator, expected: 0)
    }

    private func encodeData(
        _ opcode: Opcode, payload: UnsafeRawBufferPointer, into batch: inout OutgoingBatch, context: ChannelHandlerContext
    ) {
        if connection?.isCompressing == true, let frame = connection?.compressedFrameForSending(opcode, payload: payload) {
            frame.payload.withUnsafeBytes {
                encode(frame.header, payload: $0, into: &batch.buffer, inflated: tap == nil ? nil : Array(payload))
            }
            return
        }
        // nil once closing has begun in the core: the message is dropped, as the WHATWG API does.
        guard let header = connection?.headerForSending(opcode, payloadLength: payload.count) else { return }
        // With a tap the frame goes out whole, so the tap sees it as it is encoded.
        if let key = header.maskingKey, tap == nil, payload.count > OutgoingBatch.pieceSize {
            encodeInPieces(header, key: key, payload: payload, into: &batch, context: context)
        } else {
            encode(header, payload: payload, into: &batch.buffer)
        }
    }

    /// Encodes a large frame a piece at a time, writing and flushing every piece but the last, which stays in the
    /// batch so the batch's promise still settles once the whole frame has reached the socket.
    private func encodeInPieces(
        _ header: FrameHeader, key: MaskingKey, payload: UnsafeRawBufferPointer, into batch: inout OutgoingBatch,
        context: ChannelHandlerContext
    ) {
        batch.buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: header.encodedSize) { header.encode(into: $0) }
        var offset = 0
        while offset < payload.count {
            let end = min(offset + OutgoingBatch.pieceSize, payload.count)
            batch.buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: end - offset) { target in
                Masking.copy(UnsafeRawBufferPointer(rebasing: payload[offset..<end]), maskedWith: key, into: target, offset: offset)
                return end - offset
            }
            offset = end
            guard offset < payload.count else { break }
            context.write(wrapOutboundOut(batch.buffer), promise: nil)
            context.flush()
            batch.buffer = allocator.buffer(capacity: min(OutgoingBatch.pieceSize, payload.count - offset))
        }
    }

    /// Fails sends that can no longer be written: the connection is not open, or has ended.
    private func failUnsent(_ sends: some Collection<QueuedSend>) {
        guard !sends.isEmpty else { return }
        shared.state.withLockedValue { $0.lostSends = true }
        let error = WebSocketError(.connectionLost, "message not sent: the connection to \(place) ended first")
        for send in sends { send.written?.fail(error) }
    }

    // MARK: Application requests

    /// Starts the closing handshake the application asked for (readyState is already CLOSING).
    func startClose(code: UInt16?, reason: String) {
        switch phase {
        case .idle, .connecting, .handshaking:
            fail(WebSocketError(.aborted, "close() was called before the connection to \(place) opened"))
            closeChannelOrFinish()
        case .open:
            drainPendingSends()
            connection?.close(code: code, reason: reason)
            writeOutbound()
        case .finished:
            break
        }
    }

    /// Fails the connection with `message` if the opening handshake is still under way (task cancellation).
    func abortOpening(_ message: String) {
        switch phase {
        case .idle, .connecting, .handshaking:
            fail(WebSocketError(.aborted, message))
            closeChannelOrFinish()
        case .open, .finished:
            break
        }
    }

    /// Sends a ping and resolves `promise` with the round-trip time when its pong arrives.
    func ping(_ payload: [UInt8], promise: EventLoopPromise<Duration>) {
        guard phase == .open, connection?.sendPing(payload) == true else {
            promise.fail(WebSocketAPIError(.invalidState, "ping() needs an OPEN connection"))
            return
        }
        pings.sent(payload, promise: promise)
        writeOutbound()
    }

    /// Drops the connection at once, without a closing handshake.
    func terminate() {
        fail(WebSocketError(.aborted, "terminate() dropped the connection to \(place)"))
        closeChannelOrFinish()
    }

    // MARK: Ending

    private func startCloseTimer() {
        guard closeTimer == nil else { return }
        closeTimer = eventLoop.assumeIsolated().scheduleTask(in: limits.closeTimeout.timeAmount) { self.closeTimedOut() }
    }

    private func closeTimedOut() {
        guard phase != .finished else { return }
        if receivedClose == nil {
            fail(WebSocketError(.timeout, "close timeout: \(place) did not complete the closing handshake within \(ErrorDescriptions.seconds(limits.closeTimeout))"))
        }
        closeChannelOrFinish()
    }

    private func closeChannelOrFinish() {
        if let channel {
            channel.close(promise: nil)
        } else if let context {
            context.close(promise: nil)
        } else {
            finish()
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // RFC 6455 §7.1.4: once both Close frames have crossed, the connection closed cleanly however TCP ends
        // (a server that closes with unread bytes resets it).
        let closingHandshakeDone = connection.map { $0.closeSent && $0.closeReceived } ?? false
        if !(closingHandshakeDone && ErrorDescriptions.isTransportEnd(error)) {
            fail(explainedDuringTLS(ErrorDescriptions.describe(error, host: url.host, port: url.port)))
        }
        context.close(promise: nil)
    }

    /// A `wss:` server that hangs up before answering the upgrade has usually refused the TLS session itself:
    /// with TLS 1.3 a missing client certificate is only noticed after our side of the handshake is done, and the
    /// server's alert can be lost to a TCP reset. Say so rather than report a bare lost connection.
    private func explainedDuringTLS(_ error: WebSocketError) -> WebSocketError {
        guard url.secure, phase == .handshaking, error.cause == .connectionLost || error.cause == .tls else { return error }
        var message = error.cause == .tls && !error.message.hasPrefix("TLS: \(place) closed the connection without")
            ? error.message : "TLS: \(place) ended the TLS session right after the handshake, before answering the upgrade request"
        if !message.contains("client certificate") {
            message += dispatcher.tls.certificateFile == nil
                ? "; no client certificate was configured, and the server may require one"
                : "; the server may have refused the client certificate"
        }
        return WebSocketError(.tls, message)
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish()
        context.fireChannelInactive()
    }

    /// Records the first failure; later ones are consequences of it.
    private func fail(_ error: WebSocketError) {
        if failure == nil { failure = error }
    }

    /// Emits the final events: `error` (on any failure) then `close`. Runs once.
    private func finish() {
        guard phase != .finished, !finishing else { return }
        finishing = true
        let wasOpen = phase == .open
        let wasHandshaking = phase == .handshaking
        defer { phase = .finished }
        handshakeTimer?.cancel()
        closeTimer?.cancel()
        let unsent = shared.state.withLockedValue { s -> [QueuedSend] in
            let sends = s.pendingSends
            s.pendingSends = []
            return sends
        }
        failUnsent(unsent)
        let lostSends = shared.state.withLockedValue { $0.lostSends }
        let cleanlyClosed = connection.map { $0.closeSent && $0.closeReceived } ?? false
        if failure == nil && !cleanlyClosed {
            let lost = WebSocketError(
                .connectionLost,
                wasOpen
                    ? "connection to \(place) closed without a Close frame"
                    : "connection to \(place) closed during the opening handshake")
            failure = wasHandshaking ? explainedDuringTLS(lost) : lost
        }
        if lostSends {
            // Data that never left is an unclean end even after a complete closing handshake.
            let lost = "data the application sent never reached the socket"
            failure = failure.map { WebSocketError($0.cause, "\($0.message); \(lost)", closeCode: $0.closeCode) }
                ?? WebSocketError(.connectionLost, "connection to \(place) closed, but \(lost)")
        }
        pings.failAll(failure ?? WebSocketError(.connectionLost, "connection to \(place) closed"))
        nextWriteCompletion?.promise.succeed()
        nextWriteCompletion = nil
        shared.state.withLockedValue { s in
            s.readyState = .closed
        }
        let closeEvent: CloseEvent
        if let failure {
            closeEvent = CloseEvent(wasClean: false, code: failure.closeCode, reason: failure.message)
            shared.sink.emit(.error(ErrorEvent(error: failure)))
        } else {
            closeEvent = CloseEvent(
                wasClean: true, code: receivedClose?.code ?? CloseCode.noStatusReceived, reason: receivedClose?.reason ?? "")
        }
        shared.sink.emit(.close(closeEvent))
        context = nil
    }
}
