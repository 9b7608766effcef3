/// The status bar's traffic rates: `3.4/s`, `120/s`, `12.3k/s` for messages, `1.2 KiB/s` for bytes.
package enum RateFormat {
    /// Messages a second: one decimal below 10, whole numbers below 10 000, then thousands with one decimal.
    package static func messages(_ perSecond: Double) -> String {
        let value = max(0, perSecond)
        if value < 10 {
            let tenths = Int((value * 10).rounded())
            return tenths == 0 ? "0/s" : "\(tenths / 10).\(tenths % 10)/s"
        }
        if value < 10_000 { return "\(Int(value.rounded()))/s" }
        let hundreds = Int((value / 100).rounded())
        return "\(hundreds / 10).\(hundreds % 10)k/s"
    }

    /// Bytes a second, sized as the counters are (``ByteFormat/size(_:)``).
    package static func bytes(_ perSecond: Double) -> String {
        ByteFormat.size(Int(max(0, perSecond).rounded())) + "/s"
    }
}

/// A row of bar characters, one per cell, each as high as its cell's share of the busiest cell.
package enum Sparkline {
    /// Eight heights of Unicode block elements, lowest first.
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    /// Eight heights in ASCII, for the `mono` theme and terminals that draw no block elements.
    static let ascii: [Character] = ["_", ".", ",", "-", "~", "=", "*", "#"]

    /// `values` folded into `cells` cells (each the sum of an equal share, the last taking what is left over),
    /// drawn with the lowest height for an empty cell and the highest for the busiest.
    package static func draw(_ values: [Int], cells: Int, ascii useASCII: Bool) -> String {
        let levels = useASCII ? ascii : blocks
        guard cells > 0, !values.isEmpty else { return "" }
        let perCell = max(1, values.count / cells)
        var sums: [Int] = []
        var index = 0
        while index < values.count && sums.count < cells {
            let end = sums.count == cells - 1 ? values.count : min(values.count, index + perCell)
            sums.append(values[index..<end].reduce(0, +))
            index = end
        }
        let top = max(1, sums.max() ?? 1)
        return String(
            sums.map { sum -> Character in
                guard sum > 0 else { return levels[0] }
                // Any traffic is at least the second height, so a quiet second and an empty one differ.
                return levels[max(1, min(levels.count - 1, (sum * (levels.count - 1) + top - 1) / top))]
            })
    }
}
