/// The message contents every client sends, byte for byte the same as Benchmarks/clients/* and the server's
/// `/flood` pattern, so no client gets easier (or more compressible) data than another.
enum Payloads {
    /// Printable ASCII cycling from 0x20, `size` bytes.
    static func text(size: Int) -> String {
        String(decoding: (0..<size).map { UInt8(0x20 + $0 % 95) }, as: UTF8.self)
    }

    /// Bytes 0, 1, …, 255, 0, … — `size` of them.
    static func binary(size: Int) -> [UInt8] {
        (0..<size).map { UInt8(truncatingIfNeeded: $0) }
    }
}
