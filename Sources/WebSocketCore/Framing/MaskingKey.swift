/// The 4-byte key a client XORs over every payload it sends (RFC 6455 §5.3).
public struct MaskingKey: Hashable, Sendable {
    /// The key's bytes in wire order.
    public let b0: UInt8, b1: UInt8, b2: UInt8, b3: UInt8

    /// Builds a key from its four wire bytes.
    public init(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8, _ b3: UInt8) {
        (self.b0, self.b1, self.b2, self.b3) = (b0, b1, b2, b3)
    }

    /// Builds a key from a 32-bit value whose most significant byte goes on the wire first.
    public init(networkOrder value: UInt32) {
        self.init(UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF))
    }

    /// The four bytes in wire order.
    public var bytes: [UInt8] { [b0, b1, b2, b3] }

    /// The key repeated twice as a 64-bit word laid out in memory in wire order, for word-at-a-time XOR.
    @inlinable
    var repeatedWord: UInt64 {
        let k = UInt64(b0) | UInt64(b1) << 8 | UInt64(b2) << 16 | UInt64(b3) << 24
        // The bytes are assembled little-endian so that storing the word writes b0 first on little-endian CPUs;
        // on big-endian CPUs the byte swap restores the same memory layout.
        return (k | k << 32).littleEndian
    }
}
