/// Small byte-formatting helpers shared by the log, the hex pane and the status bar.
public enum ByteFormat {
    private static let digits = Array("0123456789abcdef")

    /// Two lower-case hex digits.
    public static func hex(_ byte: UInt8) -> String {
        String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }

    /// Bytes as space-separated hex pairs, e.g. `81 85 37 fa`.
    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        bytes.map(hex).joined(separator: " ")
    }

    /// A size for a column: exact bytes below 10 000 (an inspector should be exact where it can), then KiB/MiB/GiB
    /// with one decimal.
    public static func size(_ count: Int) -> String {
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
    public static func asciiGutter(_ byte: UInt8) -> String {
        (0x20...0x7E).contains(byte) ? String(UnicodeScalar(byte)) : "."
    }
}
