import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import WebSocketCore

/// The outbound writer: frames the core queued, and the application's messages batched into few writes.
extension ClientConnectionHandler {
    /// Writes whatever the state machine queued (pongs, Close frames).
    func writeOutbound() {
        // Checked through the optional so the common case (a data message, nothing queued) copies nothing.
        guard let context, connection?.hasOutbound == true, let frames = connection?.takeOutbound() else { return }
        // TCP has ended while held-back frames are delivered: their answers have nowhere to go, and the tap must
        // not show frames that never crossed the wire.
        guard phase != .draining else { return }
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
    func writePong(_ pong: OutboundFrame, context: ChannelHandlerContext) {
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

    func write(
        _ header: FrameHeader, payload: UnsafeRawBufferPointer, context: ChannelHandlerContext,
        promise: EventLoopPromise<Void>?
    ) {
        var buffer = allocator.buffer(capacity: FrameEncoder.encodedSize(of: header))
        encode(header, payload: payload, into: &buffer)
        context.write(wrapOutboundOut(buffer), promise: promise)
    }

    /// Appends one frame's wire bytes to `buffer`, and shows the frame to the tap.
    func encode(_ header: FrameHeader, payload: UnsafeRawBufferPointer, into buffer: inout ByteBuffer, inflated: [UInt8]? = nil) {
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

    func flushIfNeeded(_ context: ChannelHandlerContext) {
        if needsFlush {
            needsFlush = false
            flush(context)
        }
    }

    /// Flushes, then, while the peer reads what was flushed, prepares the next write's completion.
    func flush(_ context: ChannelHandlerContext) {
        context.flush()
        if nextWriteCompletion == nil && phase == .open {
            nextWriteCompletion = WriteCompletion(eventLoop: eventLoop, shared: shared)
        }
    }

    func flushSoon(_ context: ChannelHandlerContext) {
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
            case .fragments(let opcode, let bytes, let frameSizes):
                encodeFragments(opcode, payload: bytes, frameSizes: frameSizes, into: &batch)
            }
            // Large messages go out on their own rather than grow one huge buffer.
            if batch.buffer.readableBytes >= OutgoingBatch.writeThreshold { write(&batch, context: context) }
        }
        write(&batch, context: context)
        flushSoon(context)
    }

    /// Writes a batch; its completion settles `bufferedAmount` and every waiting writer. A write that fails never
    /// reached the socket.
    func write(_ batch: inout OutgoingBatch, context: ChannelHandlerContext) {
        guard batch.applicationBytes > 0 || !batch.waiting.isEmpty || batch.buffer.readableBytes > 0 else { return }
        let completion = nextWriteCompletion ?? WriteCompletion(eventLoop: eventLoop, shared: shared)
        nextWriteCompletion = nil
        completion.applicationBytes = batch.applicationBytes
        completion.waiting = batch.waiting
        context.write(wrapOutboundOut(batch.buffer), promise: completion.promise)
        batch = OutgoingBatch(allocator: allocator, expected: 0)
    }

    func encodeData(
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

    /// Encodes a message as the core splits it into frames of `frameSizes` bytes each (compressed one by one when
    /// deflate is in use), dropped like any message once closing has begun.
    func encodeFragments(_ opcode: Opcode, payload: [UInt8], frameSizes: [Int], into batch: inout OutgoingBatch) {
        // Frames the core queued of its own (a pong) go first, so `takeOutbound` below holds only this message's.
        writeOutbound()
        guard connection?.sendFragments(opcode, payload: payload, frameSizes: frameSizes) == true,
            let frames = connection?.takeOutbound()
        else { return }
        let compressed = frames.first?.header.rsv1 == true
        var offset = 0
        for (frame, size) in zip(frames, frameSizes.count > 1 ? frameSizes : [payload.count]) {
            let inflated = compressed && tap != nil ? Array(payload[offset..<offset + size]) : nil
            offset += size
            frame.payload.withUnsafeBytes { encode(frame.header, payload: $0, into: &batch.buffer, inflated: inflated) }
        }
    }

    /// Encodes a large frame a piece at a time, writing and flushing every piece but the last, which stays in the
    /// batch so the batch's promise still settles once the whole frame has reached the socket.
    func encodeInPieces(
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
    func failUnsent(_ sends: some Collection<QueuedSend>) {
        guard !sends.isEmpty else { return }
        shared.state.withLockedValue { $0.lostSends = true }
        let error = WebSocketError(.connectionLost, "message not sent: the connection to \(place) ended first")
        for send in sends { send.written?.fail(error) }
    }
}
