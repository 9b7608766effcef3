import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import WebSocketCore

/// The channel handler behind one `WebSocket` or `WebSocketStream`: it connects, runs the opening handshake, feeds the sans-I/O
/// connection state machine, writes its frames, runs the timers, and turns everything into events.
///
/// Its jobs live in one file each: opening (`+Opening`), inbound delivery with its backpressure gate
/// (`+Delivery`), the outbound writer (`+Writer`) and the ending (`+Ending`, with `CloseOutcome`).
///
/// It lives on one event loop and every method runs there; the `WebSocket` reaches it only by scheduling work on
/// that loop, so it needs no locks of its own.
final class ClientConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Where the connection is. `draining`: TCP has ended while frames already read were held back for an
    /// application that pushed back; they are delivered as it takes them, and the final events follow them.
    /// `finishing` while the final events are being emitted, so nothing starts again.
    enum Phase { case idle, connecting, handshaking, open, draining, finishing, finished }

    let shared: WebSocketShared
    let url: WebSocketURL
    let request: HandshakeRequest
    let dispatcher: any Dispatcher
    var eventLoop: any EventLoop { shared.eventLoop }
    var limits: ConnectionLimits { dispatcher.limits }
    var place: String { HostPort.address(host: url.host, port: url.port) }

    /// The wire tap, if an observer is attached.
    var tap: WireTap? {
        didSet { connection?.capturesWireBytes = tap != nil }
    }

    /// When the bytes being parsed were read, for the tap's records of received frames: taken once per read while
    /// a tap listens, as every frame of a read arrived together and a clock read per frame costs a flood.
    var readTime: Date?

    var phase: Phase = .idle
    var context: ChannelHandlerContext?
    /// The channel's allocator, kept because asking the channel for it costs a hundred instructions a time.
    var allocator = ByteBufferAllocator()
    var channel: (any Channel)?
    var headParser = HTTPHeadParser()
    /// Not checked for exclusive access at run time: it is used on the event loop only, and its methods are the
    /// core's, which never call back out, so no access to it can begin inside another (the check ran per event).
    @exclusivity(unchecked) var connection: WebSocketConnection?
    var receivedClose: (code: UInt16?, reason: String)?
    var failure: WebSocketError?
    var handshakeTimer: Scheduled<Void>?
    var closeTimer: Scheduled<Void>?
    var pings = PingTracker()
    var pongs = PongBacklog()
    /// The next batch write's completion, made ahead after a flush; completed unused when the connection ends.
    var nextWriteCompletion: WriteCompletion?
    var inReadBatch = false
    var needsFlush = false
    var binaryType: BinaryType = .data
    var readingPaused = false
    /// The sink's last answer, from `readyForMore` or from delivering a message.
    var sinkReady = false

    let deflateOffer: PerMessageDeflateOffer?

    init(shared: WebSocketShared, setup: ConnectionSetup, tap: WireTap?) {
        self.deflateOffer = setup.deflateOffer
        self.shared = shared
        self.url = setup.url
        self.request = setup.request
        self.dispatcher = setup.dispatcher
        self.tap = tap
    }

    // MARK: NIO callbacks

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
        case .idle, .connecting, .draining, .finishing, .finished:
            break
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        inReadBatch = false
        if phase == .open { shared.sink.batchEnded() }
        flushIfNeeded(context)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // RFC 6455 §7.1.4: once both Close frames have crossed, the connection closed cleanly however TCP ends
        // (a server that closes with unread bytes resets it).
        let closingHandshakeDone = connection?.state == .closed
        if !(closingHandshakeDone && ErrorDescriptions.isTransportEnd(error)) {
            fail(explainedDuringTLS(ErrorDescriptions.describe(error, host: url.host, port: url.port), phase: phase))
        }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        // Messages the peer sent before it hung up are the application's as much as the ending is: frames held
        // back while it pushed back are delivered first (`resumeDelivery`), then the final events.
        if phase == .open && readingPaused && (connection?.bufferedByteCount ?? 0) > 0 {
            phase = .draining
            setClosing()
        } else {
            finish()
        }
        context.fireChannelInactive()
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
        case .draining, .finishing, .finished:
            break
        }
    }

    /// Fails the connection with `message` if the opening handshake is still under way (task cancellation).
    func abortOpening(_ message: String) {
        switch phase {
        case .idle, .connecting, .handshaking:
            fail(WebSocketError(.aborted, message))
            closeChannelOrFinish()
        case .open, .draining, .finishing, .finished:
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
}
