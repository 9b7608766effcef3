import WebSocketCore

/// What `/flood` sends.
struct FloodPlan: Sendable, Hashable {
    /// How many messages.
    var count: UInt64
    /// Payload bytes per message.
    var size: Int
    /// Binary messages (a byte pattern) instead of text (a printable ASCII pattern).
    var binary: Bool
    /// Whether a Close 1000 "flood done" follows the last message.
    var closeWhenDone: Bool
}

/// `/flood`: sends `count` messages of `size` bytes as fast as the client takes them, then optionally closes.
///
/// Frames are encoded in batches of about 64 KiB straight into channel buffers (one payload, built once, is reused
/// for every message), and writing stops as soon as the channel reports it is not writable; it resumes when the
/// channel drains. A slow reader therefore pushes back through TCP and the server holds at most the channel's
/// high-water mark plus one batch, whatever the count.
final class FloodBehaviour: Behaviour {
    private static let batchBytes = 64 * 1024

    private let plan: FloodPlan
    private let opcode: Opcode
    private let payload: [UInt8]
    private var remaining: UInt64
    private var closeQueued = false

    /// Creates a flood.
    init(_ plan: FloodPlan) {
        self.plan = plan
        opcode = plan.binary ? .binary : .text
        payload = (0..<plan.size).map { index in
            plan.binary ? UInt8(truncatingIfNeeded: index) : UInt8(0x20 + index % 95)
        }
        remaining = plan.count
    }

    func start(_ session: ServerSession) { resume(session) }

    func resume(_ session: ServerSession) {
        writeWhileWritable(session)
        session.flush()
        if remaining == 0 && plan.closeWhenDone && !closeQueued {
            closeQueued = true
            session.close(code: CloseCode.normalClosure, reason: "flood done")
        }
    }

    private func writeWhileWritable(_ session: ServerSession) {
        if session.isCompressing {
            writeCompressedWhileWritable(session)
            return
        }
        while remaining > 0 && session.isWritable {
            // Asking the core for the header keeps it the judge of whether data may still be sent (not after a
            // Close); a server's headers carry no mask, so one header serves the whole batch.
            guard let header = session.headerForSending(opcode, payloadLength: payload.count) else { return }
            let frameSize = FrameEncoder.encodedSize(of: header)
            let frames = Int(min(UInt64(max(1, Self.batchBytes / frameSize)), remaining))
            var buffer = session.allocator.buffer(capacity: frames * frameSize)
            payload.withUnsafeBytes { bytes in
                for _ in 0..<frames { buffer.writeFrame(header, payload: bytes) }
            }
            remaining -= UInt64(frames)
            session.write(buffer)
        }
    }

    /// With permessage-deflate every message is compressed on its own turn (context takeover makes each one's
    /// bytes different), then batched like the plain frames.
    private func writeCompressedWhileWritable(_ session: ServerSession) {
        while remaining > 0 && session.isWritable {
            var buffer = session.allocator.buffer(capacity: Self.batchBytes)
            while remaining > 0 && buffer.readableBytes < Self.batchBytes {
                let frame = payload.withUnsafeBytes { session.compressedFrame(opcode, payload: $0) }
                if let frame {
                    frame.payload.withUnsafeBytes { buffer.writeFrame(frame.header, payload: $0) }
                } else {
                    // Under the compression threshold (or closing): the plain frame.
                    guard let header = session.headerForSending(opcode, payloadLength: payload.count) else { return }
                    payload.withUnsafeBytes { buffer.writeFrame(header, payload: $0) }
                }
                remaining -= 1
            }
            session.write(buffer)
        }
    }
}
