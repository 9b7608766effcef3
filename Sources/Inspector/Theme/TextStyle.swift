/// How one cell is drawn, resolved for the terminal at hand: what a `Canvas` receives.
package struct TextStyle: Sendable, Hashable {
    /// Foreground colour.
    package var foreground: TerminalColor
    /// Background colour.
    package var background: TerminalColor
    /// Bold (or bright) text.
    package var bold: Bool
    /// Dim text.
    package var dim: Bool
    /// Underlined text.
    package var underline: Bool
    /// Foreground and background swapped.
    package var reverse: Bool

    /// Creates a style; the default is the terminal's plain text.
    package init(
        foreground: TerminalColor = .terminalDefault, background: TerminalColor = .terminalDefault,
        bold: Bool = false, dim: Bool = false, underline: Bool = false, reverse: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
    }

    /// The terminal's plain text.
    package static let plain = TextStyle()
}

/// A theme's description of one role before the terminal's colour depth is known: colour choices with fallbacks,
/// and attributes.
package struct RoleStyle: Sendable, Hashable {
    /// Foreground choices, richest first.
    package var foreground: [TerminalColor]
    /// Background choices, richest first.
    package var background: [TerminalColor]
    /// Bold.
    package var bold = false
    /// Dim.
    package var dim = false
    /// Underline.
    package var underline = false
    /// Reverse video.
    package var reverse = false

    /// Creates a role style.
    package init(
        foreground: [TerminalColor] = [.terminalDefault], background: [TerminalColor] = [.terminalDefault],
        bold: Bool = false, dim: Bool = false, underline: Bool = false, reverse: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
    }

    /// The style on a terminal with `depth`: the first choice that fits, else the first choice downgraded.
    package func resolved(for depth: ColorDepth) -> TextStyle {
        func pick(_ choices: [TerminalColor]) -> TerminalColor {
            if depth == .monochrome { return .terminalDefault }
            return choices.first(where: { $0.fits(depth) }) ?? (choices.first ?? .terminalDefault).downgraded(to: depth)
        }
        return TextStyle(
            foreground: pick(foreground), background: pick(background),
            bold: bold, dim: dim, underline: underline, reverse: reverse)
    }
}
