import CNCurses
import Inspector

/// A pointer to an ncurses window.
typealias CursesWindow = UnsafeMutablePointer<WINDOW>

/// How ncurses draws one ``TextStyle``: attribute bits and a colour pair.
struct CursesAttributes: Hashable {
    /// `A_BOLD` and friends.
    var attributes: attr_t
    /// The colour pair (0 = the terminal's default colours).
    var pair: Int16
}

/// The colour pairs for a palette, allocated once when the screen starts: a theme has a few dozen styles, far
/// fewer than any terminal's pair count, so pairs never need recycling.
struct ColorPairs {
    private var table: [TextStyle: CursesAttributes] = [:]
    private let usesColor: Bool

    /// Allocates a pair per distinct foreground/background combination in `styles`. Call after `start_color()`;
    /// `defaultColorsWork` says whether `use_default_colors()` succeeded (so `-1` means "the terminal's own").
    init(styles: Set<TextStyle>, usesColor: Bool, defaultColorsWork: Bool) {
        self.usesColor = usesColor
        var pairs: [ColorKey: Int16] = [:]
        let maxPairs = Int(wsi_color_pairs())
        // Sorted so the same theme gets the same pair numbers every run, which makes screen dumps comparable.
        for style in styles.sorted(by: { "\($0)" < "\($1)" }) {
            var pair: Int16 = 0
            if usesColor {
                let key = ColorKey(foreground: style.foreground, background: style.background)
                if key.isDefault {
                    pair = 0
                } else if let existing = pairs[key] {
                    pair = existing
                } else if pairs.count + 1 < maxPairs {
                    pair = Int16(pairs.count + 1)
                    init_pair(pair, key.foregroundNumber(defaultColorsWork), key.backgroundNumber(defaultColorsWork))
                    pairs[key] = pair
                }
            }
            table[style] = CursesAttributes(attributes: Self.attributes(of: style), pair: pair)
        }
    }

    /// The attributes for `style` (a style outside the palette gets its attributes and the default pair).
    subscript(style: TextStyle) -> CursesAttributes {
        table[style] ?? CursesAttributes(attributes: Self.attributes(of: style), pair: 0)
    }

    private static func attributes(of style: TextStyle) -> attr_t {
        var bits = wsi_a_normal()
        if style.bold { bits |= wsi_a_bold() }
        if style.dim { bits |= wsi_a_dim() }
        if style.underline { bits |= wsi_a_underline() }
        if style.reverse { bits |= wsi_a_reverse() }
        return bits
    }
}

/// A foreground/background combination, the unit ncurses allocates pairs for.
private struct ColorKey: Hashable {
    var foreground: TerminalColor
    var background: TerminalColor

    var isDefault: Bool { foreground == .terminalDefault && background == .terminalDefault }

    /// The colour number for `init_pair`; without default-colour support the defaults are white on black.
    func foregroundNumber(_ defaultColorsWork: Bool) -> Int16 { number(foreground, fallback: defaultColorsWork ? -1 : 7) }
    func backgroundNumber(_ defaultColorsWork: Bool) -> Int16 { number(background, fallback: defaultColorsWork ? -1 : 0) }

    private func number(_ color: TerminalColor, fallback: Int16) -> Int16 {
        switch color {
        case .terminalDefault: return fallback
        case .indexed(let index): return Int16(index)
        }
    }
}
