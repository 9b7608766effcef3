import NIOCore
import WebSocketCore

/// One upgraded connection as a behaviour sees it: the core's server-side state machine plus the channel it
/// writes to.
///
/// It is created and used only inside `ServerChannelHandler`'s callbacks, i.e. on the connection's event loop,
/// so it is deliberately not `Sendable` and needs no locking. Everything sent goes through the core first, and
/// the core's outbound queue is written out after each call, so frames reach the wire in the order the core
/// decided them.
final class ServerSession {
    /// The largest message accepted from a client (after inflating); a larger one fails the connection with 1009.
    ///
    /// Text arrives as its validated UTF-8 bytes: every behaviour echoes, counts or drops messages without reading
    /// them, so decoding a `String` only for `send` to encode it again cost an echo two allocations and two copies.
    static let configuration = {
        var configuration = ConnectionConfiguration(role: .server, maxPayloadSize: UInt64(Route.maxMessageSize))
        configuration.decodesText = false
        return configuration
    }()

    private let context: ChannelHandlerContext
    private var connection: WebSocketConnection
    /// Whether the client's Close is answered; from the behaviour.
    let answersClose: Bool
    /// Whether TCP ends with a reset once the closing handshake is done (`/abuse/close-then-reset`).
    var resetsAfterClose = false
    /// Set once `dropTCP()` was called.
    private(set) var isDropped = false
    /// Whether a large binary message is being echoed while it arrives; all of it that arrived has gone out.
    private(set) var isStreamingEcho = false

    /// Creates the session for a connection whose 101 response has just been written, with the permessage-deflate
    /// parameters that response agreed to (`nil`: uncompressed).
    init(context: ChannelHandlerContext, answersClose: Bool, deflate: NegotiatedDeflate? = nil) {
        self.context = context
        self.answersClose = answersClose
        var configuration = Self.configuration
        configuration.deflate = deflate
        connection = WebSocketConnection(configuration: configuration)
    }

    // MARK: State

    /// Whether data frames may still be sent: the core has not started closing and TCP was not dropped.
    var canSendData: Bool { connection.state == .open && !isDropped }
    /// Whether permessage-deflate was negotiated: messages sent through `send` are compressed when large enough.
    var isCompressing: Bool { connection.isCompressing }
    /// The negotiated permessage-deflate parameters, if any.
    var deflate: NegotiatedDeflate? { connection.configuration.deflate }
    /// Whether the channel takes more writes without exceeding its high-water mark.
    var isWritable: Bool { context.channel.isWritable }
    /// The channel's allocator, for behaviours that encode into their own buffers.
    var allocator: ByteBufferAllocator { context.channel.allocator }
    /// Whether the WebSocket is done and TCP should be closed: the client broke a rule, or its Close arrived and
    /// is to be answered (or answers ours).
    var wantsTCPClosed: Bool { connection.failure != nil || (connection.closeReceived && answersClose) }
    /// Whether our Close is out and the client's has not arrived yet.
    var awaitsCloseReply: Bool { connection.state == .closeSent }

    // MARK: Receiving

    /// Hands bytes from the client to the core; `nextEvent()` then parses them a frame at a time. The part of
    /// them that continues a streamed echo goes straight back out instead.
    func receive(_ bytes: UnsafeRawBufferPointer) {
        var rest = bytes
        if isStreamingEcho {
            let count = min(connection.divertablePayloadCount, rest.count)
            var buffer = allocator.buffer(capacity: count)
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { target in
                connection.divertArrivingPayload(UnsafeRawBufferPointer(rebasing: rest[..<count]), into: target)
                return count
            }
            write(buffer)
            isStreamingEcho = connection.divertablePayloadCount > 0
            rest = UnsafeRawBufferPointer(rebasing: rest[count...])
        }
        connection.append(rest)
    }

    /// Whether every frame from the client is reported (`ConnectionEvent.frameReceived`) ahead of the message it
    /// belongs to; off unless a behaviour needs frames, as keeping them costs a copy of each header.
    var capturesFrames: Bool {
        get { connection.capturesWireBytes }
        set { connection.capturesWireBytes = newValue }
    }

    /// The next event, parsing at most one more frame, so a behaviour reacts to each message before the core reads
    /// a Close or a violation that follows it in the same read.
    func nextEvent() -> ConnectionEvent? { connection.nextEvent() }

    // MARK: Sending

    /// Writes a data message (not flushed), unless closing has begun.
    func send(_ message: Message) {
        switch message {
        case .text(let text): connection.sendText(text)
        case .binary(let bytes): connection.sendBinary(bytes)
        case .utf8Text(let bytes): connection.send(.text, payload: bytes)
        }
        writeQueuedFrames()
    }

    /// Writes a data message split into frames of `frameSizes` bytes of it each (not flushed), unless closing has
    /// begun; see `WebSocketConnection.sendFragments`.
    func send(_ message: Message, frameSizes: [Int]) {
        switch message {
        case .text(let text): connection.sendFragments(.text, payload: Array(text.utf8), frameSizes: frameSizes)
        case .binary(let bytes): connection.sendFragments(.binary, payload: bytes, frameSizes: frameSizes)
        case .utf8Text(let bytes): connection.sendFragments(.text, payload: bytes, frameSizes: frameSizes)
        }
        writeQueuedFrames()
    }

    /// The header for a data frame a behaviour encodes itself, or `nil` once closing has begun.
    func headerForSending(_ opcode: Opcode, payloadLength: Int) -> FrameHeader? {
        guard !isDropped else { return nil }
        return connection.headerForSending(opcode, payloadLength: payloadLength)
    }

    /// The compressed frame for a whole message, for behaviours that encode into their own buffers; `nil` when it
    /// goes uncompressed (no deflate, under the threshold, or closing has begun).
    func compressedFrame(_ opcode: Opcode, payload: UnsafeRawBufferPointer) -> OutboundFrame? {
        guard !isDropped else { return nil }
        return connection.compressedFrameForSending(opcode, payload: payload)
    }

    /// Writes frames a behaviour encoded itself with headers from `headerForSending` (not flushed).
    func write(_ buffer: ByteBuffer) {
        context.write(NIOAny(buffer), promise: nil)
    }

    /// Writes and flushes a buffer a behaviour encoded itself, then calls `written` on the event loop once it has
    /// reached the socket or failed (the connection closed); for behaviours that pace themselves by completed writes.
    func writeAndFlush(_ buffer: ByteBuffer, written: @escaping () -> Void) {
        let promise = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(NIOAny(buffer), promise: promise)
        promise.futureResult.assumeIsolated().whenComplete { _ in written() }
    }

    /// Runs `body` on the connection's event loop after what is already queued there.
    func onNextTurn(_ body: @escaping () -> Void) {
        context.eventLoop.assumeIsolated().execute(body)
    }

    /// Writes arbitrary bytes (not flushed): whatever a misbehaviour wants on the wire.
    func writeRaw(_ bytes: [UInt8]) {
        write(allocator.buffer(bytes: bytes))
    }

    /// Writes a ping (not flushed); `payload` is at most 125 bytes (the router checks).
    func sendPing(_ payload: [UInt8]) {
        connection.sendPing(payload)
        writeQueuedFrames()
    }

    /// Starts the closing handshake (not flushed); a `nil` code sends an empty Close payload. In the middle of a
    /// streamed echo no frame can follow until the message is complete, so TCP is dropped instead.
    func close(code: UInt16?, reason: String) {
        guard !isStreamingEcho else {
            dropTCP()
            return
        }
        connection.close(code: code, reason: reason)
        writeQueuedFrames()
    }

    // MARK: Echo while arriving

    /// Payloads at least this large are echoed while they arrive.
    static let streamedEchoThreshold = 64 << 10

    /// Starts echoing a large message that is one uncompressed binary frame while it arrives: its header and what
    /// has come of it go out now, and `receive` sends every later piece straight on, unmasked into the outgoing
    /// buffer as it is read. The echo then leaves while the client is still sending, and each byte is copied once
    /// on its way through instead of into a message and again out of it (bulk 1 MiB echo: PROFILE.md).
    func echoArrivingPayload() {
        guard !isStreamingEcho, !isDropped, !connection.isCompressing,
            let length = connection.arrivingBinaryMessageLength, length >= Self.streamedEchoThreshold,
            connection.divertablePayloadCount > 0,
            let header = connection.headerForSending(.binary, payloadLength: length)
        else { return }
        var buffer = allocator.buffer(capacity: header.encodedSize + connection.arrivingPayloadCount)
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: header.encodedSize) { header.encode(into: $0) }
        connection.withArrivingPayload(from: 0) { _ = buffer.writeBytes($0) }
        write(buffer)
        isStreamingEcho = true
    }

    // MARK: Writing

    /// Writes what the core queued: data, pongs, and its Close reply or failure Close.
    func writeQueuedFrames() {
        // No frame may start inside a streamed echo; the core's frames wait until its message is complete.
        guard !isStreamingEcho else { return }
        for frame in connection.takeOutbound() {
            // The core always answers a Close; a behaviour that must not answer drops that reply here.
            if frame.header.opcode == .close && !answersClose && connection.closeReceived && connection.failure == nil {
                continue
            }
            var buffer = allocator.buffer(capacity: FrameEncoder.encodedSize(of: frame.header))
            frame.payload.withUnsafeBytes { buffer.writeFrame(frame.header, payload: $0) }
            write(buffer)
        }
    }

    /// Sends what was written so far.
    func flush() { context.flush() }

    /// Whether the TCP connection is still open.
    var isActive: Bool { context.channel.isActive }

    /// Runs `body` on the connection's event loop after `delay`, unless the connection has closed by then.
    func after(_ delay: TimeAmount, _ body: @escaping () -> Void) {
        let channel = context.channel
        context.eventLoop.assumeIsolated().scheduleTask(in: delay) { if channel.isActive { body() } }
    }

    /// Shuts our side of TCP (a FIN) once what was written has gone, and keeps reading: a half-close.
    func halfCloseTCP() {
        guard !isDropped else { return }
        isDropped = true
        context.flush()
        context.close(mode: .output, promise: nil)
    }

    /// Ends the connection with a TCP reset instead of a FIN (SO_LINGER with a zero timeout), as a server does
    /// that closes a socket with unread bytes. What was written but is not yet on the socket is lost.
    func resetTCP() {
        isDropped = true
        context.flush()
        let context = self.context
        // A socket channel provides its options; anything else (an embedded test channel) just closes.
        guard let options = context.channel as? any SocketOptionProvider else {
            context.close(promise: nil)
            return
        }
        options.setSoLinger(NIOLinger(l_onoff: 1, l_linger: 0)).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    /// Closes TCP without a Close frame once everything written so far has reached the socket.
    func dropTCP() {
        guard !isDropped else { return }
        isDropped = true
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(NIOAny(allocator.buffer(capacity: 0)), promise: written)
        let context = self.context
        written.futureResult.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }
}
