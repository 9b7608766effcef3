import Foundation

/// The time column's text in its two relative modes, twelve columns wide like `HH:mm:ss.SSS`: seconds since the
/// connection began to the millisecond (`+12.345`), and seconds since the row above to the microsecond
/// (`+0.000412`), since the gaps inside a burst are what that mode is for.
package enum TimeColumnFormat {
    /// The column's width.
    package static let width = 12

    /// `+12.345`, right-aligned; `?` when there is no connection start to count from.
    package static func sinceConnect(_ seconds: TimeInterval?) -> String {
        guard let seconds else { return DisplayWidth.padLeft("?", to: width) }
        return DisplayWidth.padLeft(signed(seconds, decimals: 3), to: width)
    }

    /// `+0.000412`, right-aligned, to the millisecond from 1000 s; blank for the first row.
    package static func sincePrevious(_ seconds: TimeInterval?) -> String {
        guard let seconds else { return String(repeating: " ", count: width) }
        return DisplayWidth.padLeft(signed(seconds, decimals: abs(seconds) < 1000 ? 6 : 3), to: width)
    }

    /// `+1.250` or `-0.002`: the sign, whole seconds, then `decimals` digits, truncated toward zero.
    static func signed(_ seconds: TimeInterval, decimals: Int) -> String {
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        // A hair over, so 0.000412 stored as 0.00041199… still shows as 412 µs.
        let units = Int((abs(seconds) * Double(scale) + 0.001).rounded(.down))
        var digits = String(units % scale)
        digits = String(repeating: "0", count: decimals - digits.count) + digits
        return (seconds < 0 && units > 0 ? "-" : "+") + "\(units / scale)." + digits
    }
}
