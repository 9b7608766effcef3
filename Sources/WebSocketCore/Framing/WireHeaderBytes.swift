/// A frame header's bytes exactly as they crossed the wire (2 to 14 bytes), kept inline.
///
/// A frame's wire bytes are its header's wire bytes followed by its payload, masked with the header's key if the
/// frame was masked. The payload is already kept unmasked, so keeping only the header, without an allocation,
/// is enough to give back the exact wire bytes when someone asks: under a flood the wire tap costs one
/// allocation and copy per frame less than keeping a second copy of every payload.
struct WireHeaderBytes: Sendable, Hashable {
    /// The largest header: 2 bytes, an 8-byte length and a 4-byte key.
    static let capacity = 14

    private var low: UInt64 = 0
    private var high: UInt64 = 0
    /// How many bytes are held.
    private(set) var count: Int

    /// Copies `bytes` (at most ``capacity`` of them).
    init<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        precondition(bytes.count <= Self.capacity, "a frame header is at most 14 bytes")
        count = bytes.count
        var index = 0
        for byte in bytes {
            if index < 8 {
                low |= UInt64(byte) << (8 * UInt64(index))
            } else {
                high |= UInt64(byte) << (8 * UInt64(index - 8))
            }
            index += 1
        }
    }

    /// The header's bytes.
    var bytes: [UInt8] {
        (0..<count).map { index in UInt8(truncatingIfNeeded: (index < 8 ? low : high) >> (8 * UInt64(index & 7))) }
    }

    /// The header bytes followed by `payload`, masked with `key` when there is one: the frame as it was sent.
    func wireBytes(payload: [UInt8], maskingKey key: MaskingKey?) -> [UInt8] {
        var bytes = [UInt8]()
        bytes.reserveCapacity(count + payload.count)
        for index in 0..<count {
            let word = index < 8 ? low : high
            bytes.append(UInt8(truncatingIfNeeded: word >> (8 * UInt64(index & 7))))
        }
        bytes.append(contentsOf: payload)
        if let key {
            bytes.withUnsafeMutableBytes { Masking.apply(key, to: UnsafeMutableRawBufferPointer(rebasing: $0[count...])) }
        }
        return bytes
    }
}
