/// A colour as a terminal knows it: its default, or an index into its palette (0–7 basic, 8–15 bright,
/// 16–255 the xterm 256-colour cube and grey ramp).
package enum TerminalColor: Sendable, Hashable {
    /// The terminal's own foreground or background colour.
    case terminalDefault
    /// A palette index.
    case indexed(UInt8)

    /// The basic colour names, in palette order.
    package static let basicNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses `default`, a basic name, `bright-NAME`, or `colorN` (0–255); `nil` otherwise.
    package init?(name: String) {
        let lower = name.lowercased()
        if lower == "default" || lower == "none" {
            self = .terminalDefault
        } else if let index = Self.basicNames.firstIndex(of: lower) {
            self = .indexed(UInt8(index))
        } else if lower.hasPrefix("bright-"), let index = Self.basicNames.firstIndex(of: String(lower.dropFirst(7))) {
            self = .indexed(UInt8(index + 8))
        } else if lower.hasPrefix("color"), let value = Int(lower.dropFirst(5)), (0...255).contains(value),
            lower.dropFirst(5).allSatisfy(\.isNumber)
        {
            self = .indexed(UInt8(value))
        } else {
            return nil
        }
    }

    /// Whether a terminal with `depth` can show this colour as it is.
    package func fits(_ depth: ColorDepth) -> Bool {
        switch self {
        case .terminalDefault: return true
        case .indexed(let index): return Int(index) < depth.colorCount
        }
    }

    /// This colour on a terminal with `depth`: itself when it fits, else the nearest colour the terminal has by
    /// RGB distance in xterm's default palette. Nearest-by-RGB rather than "bright minus 8" keeps grey text
    /// (bright-black) from turning into black on a black background.
    package func downgraded(to depth: ColorDepth) -> TerminalColor {
        guard case .indexed(let index) = self, !fits(depth) else { return self }
        guard depth.colorCount > 0 else { return .terminalDefault }
        let target = Self.rgb(index)
        var best = 0
        var bestDistance = Int.max
        // A grey must stay grey: plain RGB distance would turn mid-grey into yellow on an 8-colour terminal.
        let isGrey = max(target.0, target.1, target.2) - min(target.0, target.1, target.2) < 24
        let candidates = (0..<depth.colorCount).filter { !isGrey || [0, 7, 8, 15].contains($0) }
        for candidate in candidates {
            let c = Self.rgb(UInt8(candidate))
            let distance =
                (c.0 - target.0) * (c.0 - target.0) + (c.1 - target.1) * (c.1 - target.1)
                + (c.2 - target.2) * (c.2 - target.2)
            if distance < bestDistance {
                best = candidate
                bestDistance = distance
            }
        }
        return .indexed(UInt8(best))
    }

    /// xterm's default RGB for a palette index.
    static func rgb(_ index: UInt8) -> (Int, Int, Int) {
        let basic: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
            (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
            (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        let i = Int(index)
        if i < 16 { return basic[i] }
        if i >= 232 {
            let grey = 8 + 10 * (i - 232)
            return (grey, grey, grey)
        }
        let levels = [0, 95, 135, 175, 215, 255]
        let cube = i - 16
        return (levels[cube / 36], levels[cube / 6 % 6], levels[cube % 6])
    }
}

/// How many colours the terminal can show, from ncurses' `COLORS` (or none, with `NO_COLOR` or a dumb terminal).
package enum ColorDepth: Sendable, Hashable, CaseIterable {
    /// No colour: attributes only.
    case monochrome
    /// The eight basic colours.
    case eight
    /// Basic and bright colours.
    case sixteen
    /// The xterm 256-colour palette.
    case full

    /// The depth for a terminal reporting `colors` colours.
    package init(colors: Int) {
        switch colors {
        case ..<8: self = .monochrome
        case 8..<16: self = .eight
        case 16..<256: self = .sixteen
        default: self = .full
        }
    }

    /// Palette entries available.
    package var colorCount: Int {
        switch self {
        case .monochrome: return 0
        case .eight: return 8
        case .sixteen: return 16
        case .full: return 256
        }
    }
}
