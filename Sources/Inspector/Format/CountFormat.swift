/// Counts as people read them on screen.
package enum CountFormat {
    /// `100 000`: digits in groups of three, split by a space, so a six- or seven-digit count reads at a glance.
    package static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(" ") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }
}
