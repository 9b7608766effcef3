/// The 64-bit FNV-1a hash of bytes: what the log keeps, beside the length, of a payload it cut, so two cut
/// payloads can be told apart or matched. It identifies; it is not a security hash (anyone can make collisions).
///
/// FNV-1a rather than SHA-256: the package has no SHA-256 and takes no crypto dependency for this, and the hash
/// runs over every byte of a payload of up to the message limit on the connection's thread.
package enum FNV1a64 {
    /// The hash of `bytes`.
    package static func hash(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBufferPointer { buffer in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in buffer {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
            return hash
        }
    }

    /// `hash` as 16 lower-case hex digits, as the detail view shows it.
    package static func hex(_ hash: UInt64) -> String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
