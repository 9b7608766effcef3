/// Sizes in error messages as people write them: `128 MiB`, not `134217728 bytes`.
package enum SizeWords {
    /// `128 MiB` for an exact multiple of a binary unit, `1.5 MiB` otherwise, and plain bytes below 10 000 (where
    /// the exact count reads fine and matters).
    package static func size(_ count: UInt64) -> String {
        if count < 10_000 { return "\(count) bytes" }
        let units = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var unit = 0
        var scale: UInt64 = 1024
        while unit < units.count - 1 && count / scale >= 1024 {
            scale *= 1024
            unit += 1
        }
        if count % scale == 0 { return "\(count / scale) \(units[unit])" }
        // In floating point: `count * 10` overflows for a hostile 64-bit length.
        let tenths = Int((Double(count) / Double(scale) * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }
}
