import CZlib

/// Raw-deflate compression of messages (RFC 7692 §7.2.1), keeping the window between messages unless reset.
///
/// `@unchecked Sendable`: the z_stream is touched only through this object's methods, and the object is owned by
/// one `WebSocketConnection` (or one `FragmentDeflater`), whose owner drives it from one thread (an event loop) at
/// a time; it is never shared.
final class ZlibDeflater: @unchecked Sendable {
    private let stream: UnsafeMutablePointer<z_stream>
    /// Where zlib writes before the bytes are appended to the caller's output; 64 KiB, allocated once.
    private let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
    /// The window actually used: the negotiated one, except that 8 becomes 9.
    let windowBits: Int

    /// The `00 00 FF FF` that ends every sync flush; RFC 7692 §7.2.1 drops it from the end of a message.
    static let syncFlushTrailer: [UInt8] = [0x00, 0x00, 0xFF, 0xFF]

    /// Creates a compressor with a window of `windowBits` (8 is used as 9: zlib cannot write raw deflate with a
    /// 256-byte window, and a 512-byte one is within what every inflater accepts).
    init(windowBits: Int, level: Int) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        self.windowBits = max(9, min(15, windowBits))
        let status = wsinspect_deflateInit2(stream, Int32(max(1, min(9, level))), -Int32(self.windowBits), 8)
        precondition(status == Z_OK, "deflateInit2 failed: \(status)")
    }

    deinit {
        deflateEnd(stream)
        scratch.deallocate()
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Compresses one whole message and drops the trailing `00 00 FF FF` that RFC 7692 leaves implicit.
    func compress(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        var output: [UInt8] = []
        // deflateBound is the worst case for one call; a sync flush adds a few bytes more.
        output.reserveCapacity(Int(deflateBound(stream, uLong(input.count))) + 16)
        deflate(input, flush: true, into: &output)
        Self.dropTrailer(from: &output)
        return output
    }

    /// Feeds `input` and appends what zlib produces to `output`. With `flush`, ends with a sync flush, so every
    /// byte fed so far can be inflated from `output` alone (the end of a frame); without it zlib may hold input back.
    func deflate(_ input: UnsafeRawBufferPointer, flush: Bool, into output: inout [UInt8]) {
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        defer { stream.pointee.next_in = nil }
        let mode = flush ? Z_SYNC_FLUSH : Z_NO_FLUSH
        while true {
            // zlib writes into a fixed scratch chunk that is copied out: no zero-filled growth of `output`.
            stream.pointee.next_out = scratch.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = uInt(scratch.count)
            let status = CZlib.deflate(stream, mode)
            let produced = scratch.count - Int(stream.pointee.avail_out)
            precondition(status == Z_OK || status == Z_BUF_ERROR, "deflate failed: \(status)")
            if produced > 0 { output.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[..<produced])) }
            // Done when all input is consumed and zlib did not fill the chunk (so a flush is complete).
            if stream.pointee.avail_in == 0 && produced < scratch.count { return }
        }
    }

    /// Removes a final `00 00 FF FF`, if present.
    static func dropTrailer(from output: inout [UInt8]) {
        if output.count >= 4 && output.suffix(4).elementsEqual(syncFlushTrailer) {
            output.removeLast(4)
        }
    }

    /// Forgets the window (no context takeover).
    func reset() { deflateReset(stream) }
}
