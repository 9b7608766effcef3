/// Small byte-formatting helpers shared by the log, the hex pane and the status bar.
package enum ByteFormat {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Two lower-case hex digits.
    package static func hex(_ byte: UInt8) -> String { hex(CollectionOfOne(byte)) }

    /// Bytes as space-separated hex pairs, e.g. `81 85 37 fa`.
    package static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        appendHex(bytes, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends bytes as space-separated hex pairs (the text of ``hex(_:)-(Sequence)``) to a UTF-8 byte buffer.
    package static func appendHex<Bytes: Sequence>(_ bytes: Bytes, to out: inout [UInt8]) where Bytes.Element == UInt8 {
        var first = true
        for byte in bytes {
            if !first { out.append(UInt8(ascii: " ")) }
            first = false
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
    }

    /// A size for a column: exact bytes below 10 000 (an inspector should be exact where it can), then KiB/MiB/GiB
    /// with one decimal.
    package static func size(_ count: Int) -> String {
        if count < 10_000 { return "\(count) B" }
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var value = Double(count) / 1024
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }

    /// The ASCII gutter character for a byte: itself when printable ASCII, else `.`.
    package static func asciiGutter(_ byte: UInt8) -> String {
        (0x20...0x7E).contains(byte) ? String(UnicodeScalar(byte)) : "."
    }
}
