/// XOR masking of payloads (RFC 6455 §5.3), eight bytes at a time.
///
/// Masking is its own inverse, so the same routine masks what we send and unmasks what a server-side parser reads.
public enum Masking {
    /// XORs `key` over `bytes` in place. `offset` is the position of `bytes[0]` within the whole payload, so a
    /// payload may be masked in pieces.
    @inlinable
    public static func apply(_ key: MaskingKey, to bytes: UnsafeMutableRawBufferPointer, offset: Int = 0) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        let count = bytes.count
        // Rotate the key so that byte 0 of this piece uses key[offset % 4].
        let rotation = (offset & 3) * 8
        var word = key.repeatedWord
        if rotation != 0 {
            let little = UInt64(littleEndian: word)
            word = ((little >> UInt64(rotation)) | (little << UInt64(64 - rotation))).littleEndian
        }
        var index = 0
        // The bulk: unaligned 8-byte loads and stores; the optimiser turns the loop into SIMD.
        while index + 8 <= count {
            let value = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            base.storeBytes(of: value ^ word, toByteOffset: index, as: UInt64.self)
            index += 8
        }
        // The tail, byte by byte, continuing the key where the words stopped (index is a multiple of 8).
        let keyBytes = withUnsafeBytes(of: word) { Array($0) }
        while index < count {
            let p = base.advanced(by: index).assumingMemoryBound(to: UInt8.self)
            p.pointee ^= keyBytes[index & 7]
            index += 1
        }
    }

    /// XORs `key` over an array in place, starting at payload position `offset`.
    @inlinable
    public static func apply(_ key: MaskingKey, to bytes: inout [UInt8], offset: Int = 0) {
        bytes.withUnsafeMutableBytes { apply(key, to: $0, offset: offset) }
    }
}
