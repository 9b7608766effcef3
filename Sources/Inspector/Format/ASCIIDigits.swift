/// Decimal digits written straight into a byte buffer.
enum ASCIIDigits {
    /// Appends `value` (not negative) in decimal, zero-padded on the left to `width` digits.
    static func append(_ value: Int, width: Int = 1, to out: inout [UInt8]) {
        append(value, width: width, fill: UInt8(ascii: "0"), to: &out)
    }

    /// Appends `value` (not negative) in decimal, right-aligned in `width` columns with `fill` on the left.
    static func append(_ value: Int, width: Int, fill: UInt8, to out: inout [UInt8]) {
        let value = max(0, value)
        var digits = 1
        var divisor = 1
        var probe = value / 10
        while probe > 0 {
            digits += 1
            divisor *= 10
            probe /= 10
        }
        for _ in digits..<max(digits, width) { out.append(fill) }
        var rest = value
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
