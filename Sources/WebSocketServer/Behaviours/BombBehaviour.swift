import WebSocketCore

/// `/bomb?size=N`: a decompression bomb. One binary message of N zero bytes, compressed with permessage-deflate,
/// sent as fragments of `bytesPerFragment` inflated bytes each. `/abuse/bomb-spread` sends several such messages,
/// one after another, each under a client's limit but together far over it.
///
/// The server never holds the message, and compresses at most three fragments whatever N is. The first fragment
/// is compressed from zeros; the second too, and its bytes are kept: they are whole deflate blocks, starting on a
/// byte boundary after a sync flush, that reach at most 32 KiB back into data that is all zeros, so sent again they
/// inflate to the same 1 MiB of zeros every time. Every middle fragment is that same payload; the last one is
/// compressed afresh for its exact size (the compressor's history is zeros too, so it decodes the same way).
/// A GiB then costs about 1 MiB on the wire and a few milliseconds of zlib.
///
/// Fragments are written only while the channel is writable and at most `maxInFlight` are unflushed, and each
/// next one is made on a fresh turn of the event loop, so other connections on the loop keep being served and a
/// client that closes with 1009, as it should, stops the bomb.
final class BombBehaviour: Behaviour {
    /// Inflated bytes per fragment.
    static let bytesPerFragment = 1 << 20
    /// Fragments written but not yet on the socket.
    static let maxInFlight = 4
    private static let zeros = [UInt8](repeating: 0, count: 64 * 1024)

    private let size: UInt64
    /// Messages still to start after the current one.
    private var messagesLeft: UInt64
    private var sent: UInt64 = 0
    private var deflater: FragmentDeflater?
    /// The second fragment's payload, reused for every middle fragment.
    private var steadyFragment: [UInt8]?
    private var fragmentIndex = 0
    private var done = false
    private var inFlight = 0

    /// Creates a bomb of `messages` messages that inflate to `size` bytes each.
    init(size: UInt64, messages: UInt64 = 1) {
        self.size = size
        messagesLeft = max(messages, 1) - 1
    }

    func start(_ session: ServerSession) {
        guard let deflate = session.deflate else {
            done = true
            session.close(
                code: CloseCode.policyViolation, reason: "/bomb needs permessage-deflate; the client offered none the server accepts")
            return
        }
        // Level 9: the point of a bomb is the ratio, and only three fragments are ever compressed.
        deflater = FragmentDeflater(windowBits: deflate.serverMaxWindowBits, level: 9)
        resume(session)
    }

    /// Whatever the client sends is ignored: the bomb is all this route does.
    func received(_ message: Message, on session: ServerSession) {}

    func resume(_ session: ServerSession) {
        while !done && inFlight < Self.maxInFlight && session.isWritable {
            let chunk = Int(min(UInt64(Self.bytesPerFragment), size - sent))
            sent += UInt64(chunk)
            let isFinal = sent == size
            let payload = nextPayload(inflatedSize: chunk, isFinal: isFinal)
            // The core stays the judge of whether data may still go out (not after a Close).
            let first = fragmentIndex == 0
            guard var header = session.headerForSending(first ? .binary : .continuation, payloadLength: payload.count)
            else {
                done = true
                return
            }
            header.fin = isFinal
            header.rsv1 = first  // only the first frame of a compressed message carries RSV1 (RFC 7692 §6.1)
            fragmentIndex += 1
            var buffer = session.allocator.buffer(capacity: FrameEncoder.encodedSize(of: header))
            payload.withUnsafeBytes { buffer.writeFrame(header, payload: $0) }
            if isFinal {
                // The next message starts afresh; the compressor's history is still all zeros, so the steady
                // fragment decodes the same way in it.
                if messagesLeft > 0 {
                    messagesLeft -= 1
                    sent = 0
                    fragmentIndex = 0
                } else {
                    done = true
                }
            }
            inFlight += 1
            session.writeAndFlush(buffer) { [weak self] in
                guard let self else { return }
                self.inFlight -= 1
                // A write can complete inside the flush above; the next fragment waits for a fresh turn so the
                // stack does not grow with the bomb and other connections on this loop get their turn.
                session.onNextTurn { [weak self] in self?.resume(session) }
            }
        }
    }

    /// The compressed payload of the next fragment, which inflates to `inflatedSize` zeros.
    private func nextPayload(inflatedSize: Int, isFinal: Bool) -> [UInt8] {
        if !isFinal, fragmentIndex >= 2, let steadyFragment { return steadyFragment }
        guard let deflater else { return [] }
        var left = inflatedSize
        Self.zeros.withUnsafeBytes { zeros in
            while left > 0 {
                let count = min(left, zeros.count)
                deflater.feed(UnsafeRawBufferPointer(rebasing: zeros[..<count]))
                left -= count
            }
        }
        let payload = deflater.endFragment(isFinal: isFinal)
        if fragmentIndex == 1 && inflatedSize == Self.bytesPerFragment { steadyFragment = payload }
        return payload
    }
}
