/// Compresses one message piece by piece, for a sender that streams a large message as fragments without ever
/// holding it whole (the test server's `/bomb`, which inflates to gigabytes from a few hundred KiB).
///
/// Feed input with `feed`, then end each fragment with `endFragment`; the bytes it returns are the payload of
/// that fragment. Only the first fragment of the message carries RSV1 (RFC 7692 §6.1); that is the caller's
/// framing. Not `Sendable`: one owner, on one thread.
public final class FragmentDeflater {
    private let deflater: ZlibDeflater
    private var pending: [UInt8] = []

    /// Creates a compressor for a window of `windowBits` (8–15; 8 is used as 9, as everywhere in this module)
    /// at zlib `level` 1–9.
    public init(windowBits: Int, level: Int) {
        deflater = ZlibDeflater(windowBits: windowBits, level: level)
    }

    /// The window actually used.
    public var windowBits: Int { deflater.windowBits }

    /// Compresses more of the message; output accumulates until `endFragment`.
    public func feed(_ input: UnsafeRawBufferPointer) {
        deflater.deflate(input, flush: false, into: &pending)
    }

    /// Ends the current fragment with a sync flush and returns its payload. For the final fragment the
    /// trailing `00 00 FF FF` is dropped (RFC 7692 §7.2.1); earlier fragments keep theirs, since it is part of the
    /// stream the receiver inflates.
    public func endFragment(isFinal: Bool) -> [UInt8] {
        [UInt8]().withUnsafeBytes { deflater.deflate($0, flush: true, into: &pending) }
        var payload: [UInt8] = []
        swap(&payload, &pending)
        if isFinal { ZlibDeflater.dropTrailer(from: &payload) }
        return payload
    }
}
