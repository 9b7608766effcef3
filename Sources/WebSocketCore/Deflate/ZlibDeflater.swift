import CZlib

/// Raw-deflate compression of messages (RFC 7692 §7.2.1), keeping the window between messages unless reset.
///
/// `@unchecked Sendable`: the z_stream is touched only through this object's methods, and the object is owned by
/// one `WebSocketConnection`, whose owner drives it from one thread (an event loop) at a time; it is never shared.
final class ZlibDeflater: @unchecked Sendable {
    private let stream: UnsafeMutablePointer<z_stream>

    /// Creates a compressor with a window of `windowBits` (8 is used as 9: zlib cannot write raw deflate with a
    /// 256-byte window, and a 512-byte one is within what every inflater accepts).
    init(windowBits: Int, level: Int) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let bits = Int32(max(9, min(15, windowBits)))
        let status = wsinspect_deflateInit2(stream, Int32(max(1, min(9, level))), -bits, 8)
        precondition(status == Z_OK, "deflateInit2 failed: \(status)")
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Compresses one whole message and drops the trailing `00 00 FF FF` that RFC 7692 leaves implicit.
    func compress(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: max(64, input.count + input.count / 8 + 64))
        var produced = 0
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        while true {
            if produced == output.count { output.append(contentsOf: repeatElement(0, count: output.count)) }
            let status = output.withUnsafeMutableBytes { buffer -> Int32 in
                let base = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.pointee.next_out = base + produced
                stream.pointee.avail_out = uInt(buffer.count - produced)
                let status = deflate(stream, Z_SYNC_FLUSH)
                produced = buffer.count - Int(stream.pointee.avail_out)
                return status
            }
            precondition(status == Z_OK || status == Z_BUF_ERROR, "deflate failed: \(status)")
            // Done when all input is consumed and zlib did not fill the buffer (so the flush is complete).
            if stream.pointee.avail_in == 0 && produced < output.count { break }
        }
        stream.pointee.next_in = nil
        output.removeSubrange(produced...)
        if output.count >= 4 && output.suffix(4).elementsEqual([0x00, 0x00, 0xFF, 0xFF]) {
            output.removeLast(4)
        }
        return output
    }

    /// Forgets the window (no context takeover).
    func reset() { deflateReset(stream) }
}
