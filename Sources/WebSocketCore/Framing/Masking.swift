/// XOR masking of payloads (RFC 6455 §5.3), sixteen bytes at a time.
///
/// Masking is its own inverse, so the same routine masks what we send and unmasks what a server-side parser reads.
public enum Masking {
    /// XORs `key` over `bytes` in place. `offset` is the position of `bytes[0]` within the whole payload, so a
    /// payload may be masked in pieces.
    @inlinable
    public static func apply(_ key: MaskingKey, to bytes: UnsafeMutableRawBufferPointer, offset: Int = 0) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        xor(key, from: UnsafeRawPointer(base), to: base, count: bytes.count, offset: offset)
    }

    /// Copies `source` into `destination` (at least as large) masked with `key`, in one pass: sending a large
    /// message then reads and writes each byte once instead of copying and masking separately. `offset` is the
    /// position of `source[0]` within the whole payload, so a payload may be copied in pieces.
    @inlinable
    public static func copy(
        _ source: UnsafeRawBufferPointer, maskedWith key: MaskingKey, into destination: UnsafeMutableRawBufferPointer,
        offset: Int = 0
    ) {
        guard let from = source.baseAddress, let to = destination.baseAddress, source.count > 0 else { return }
        precondition(destination.count >= source.count, "destination is smaller than the source")
        xor(key, from: from, to: to, count: source.count, offset: offset)
    }

    @inlinable
    static func xor(
        _ key: MaskingKey, from source: UnsafeRawPointer, to target: UnsafeMutableRawPointer, count: Int, offset: Int
    ) {
        // Rotate the key so that byte 0 of this piece uses key[offset % 4].
        let rotation = (offset & 3) * 8
        var word = key.repeatedWord
        if rotation != 0 {
            let little = UInt64(littleEndian: word)
            word = ((little >> UInt64(rotation)) | (little << UInt64(64 - rotation))).littleEndian
        }
        var index = 0
        // The bulk: 64 bytes a step as four 16-byte vectors (SSE2, which every x86-64 has; NEON on arm64). A plain
        // loop of 8-byte words stayed scalar: its overflow-checked index kept the optimiser from vectorising it.
        let vector = SIMD2<UInt64>(repeating: word)
        while count &- index >= 64 {
            for lane in stride(from: 0, to: 64, by: 16) {
                let value = source.loadUnaligned(fromByteOffset: index &+ lane, as: SIMD2<UInt64>.self)
                target.storeBytes(of: value ^ vector, toByteOffset: index &+ lane, as: SIMD2<UInt64>.self)
            }
            index &+= 64
        }
        while count &- index >= 8 {
            let value = source.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            target.storeBytes(of: value ^ word, toByteOffset: index, as: UInt64.self)
            index &+= 8
        }
        // The tail, byte by byte, continuing the key where the words stopped (index is a multiple of 8); the key
        // byte is shifted out of the word rather than read from an array, which would allocate per frame.
        let little = UInt64(littleEndian: word)
        while index < count {
            let keyByte = UInt8(truncatingIfNeeded: little >> UInt64((index & 7) * 8))
            let byte = source.load(fromByteOffset: index, as: UInt8.self)
            target.storeBytes(of: byte ^ keyByte, toByteOffset: index, as: UInt8.self)
            index += 1
        }
    }

    /// XORs `key` over an array in place, starting at payload position `offset`.
    @inlinable
    public static func apply(_ key: MaskingKey, to bytes: inout [UInt8], offset: Int = 0) {
        bytes.withUnsafeMutableBytes { apply(key, to: $0, offset: offset) }
    }
}
