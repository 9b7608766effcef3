import CZlib

/// Why a compressed message could not be inflated.
enum InflateFailure: Error {
    /// The inflated size passed the limit.
    case tooBig(limit: Int)
    /// The data is not valid raw deflate.
    case corrupt(String)
}

/// Raw-deflate decompression of messages (RFC 7692 §7.2.2), frame by frame, with a hard cap on output.
///
/// The cap is enforced while inflating, in bounded chunks, so a small bomb never allocates more than the limit
/// plus one chunk. `@unchecked Sendable` for the same reason as `ZlibDeflater`: one owner, one thread at a time.
final class ZlibInflater: @unchecked Sendable {
    private let stream: UnsafeMutablePointer<z_stream>
    private var chunk = [UInt8](repeating: 0, count: 64 * 1024)

    /// Creates a decompressor. A 15-bit window accepts data compressed with any smaller window.
    init() {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = wsinspect_inflateInit2(stream, -15)
        precondition(status == Z_OK, "inflateInit2 failed: \(status)")
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Inflates `input`, appending to `output`; fails once `output` would exceed `limit` bytes.
    func inflate(_ input: UnsafeRawBufferPointer, into output: inout [UInt8], limit: Int) throws(InflateFailure) {
        guard input.count > 0 else { return }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress!.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        defer { stream.pointee.next_in = nil }
        while true {
            var produced = 0
            let status = chunk.withUnsafeMutableBytes { buffer -> Int32 in
                stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = uInt(buffer.count)
                let status = CZlib.inflate(stream, Z_SYNC_FLUSH)
                produced = buffer.count - Int(stream.pointee.avail_out)
                return status
            }
            if produced > 0 {
                if output.count + produced > limit { throw .tooBig(limit: limit) }
                output.append(contentsOf: chunk[0..<produced])
            }
            switch status {
            case Z_OK:
                if stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0 { return }
            case Z_BUF_ERROR:
                // No progress possible: all input consumed, or output space needed (loop again with a fresh chunk).
                if stream.pointee.avail_in == 0 { return }
            case Z_STREAM_END:
                // A final block ended the stream; start a fresh one for whatever follows.
                inflateReset(stream)
                if stream.pointee.avail_in == 0 { return }
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "error \(status)"
                throw .corrupt(message)
            }
        }
    }

    /// Forgets the window (the peer uses no context takeover).
    func reset() { inflateReset(stream) }
}
