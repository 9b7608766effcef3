/// How one cell is drawn, resolved for the terminal at hand: what a `Canvas` receives.
public struct TextStyle: Sendable, Hashable {
    /// Foreground colour.
    public var foreground: TerminalColor
    /// Background colour.
    public var background: TerminalColor
    /// Bold (or bright) text.
    public var bold: Bool
    /// Dim text.
    public var dim: Bool
    /// Underlined text.
    public var underline: Bool
    /// Foreground and background swapped.
    public var reverse: Bool

    /// Creates a style; the default is the terminal's plain text.
    public init(
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
    public static let plain = TextStyle()
}

/// A theme's description of one role before the terminal's colour depth is known: colour choices with fallbacks,
/// and attributes.
public struct RoleStyle: Sendable, Hashable {
    /// Foreground choices, richest first.
    public var foreground: [TerminalColor]
    /// Background choices, richest first.
    public var background: [TerminalColor]
    /// Bold.
    public var bold = false
    /// Dim.
    public var dim = false
    /// Underline.
    public var underline = false
    /// Reverse video.
    public var reverse = false

    /// Creates a role style.
    public init(foreground: [TerminalColor] = [.terminalDefault], background: [TerminalColor] = [.terminalDefault],
                bold: Bool = false, dim: Bool = false, underline: Bool = false, reverse: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
    }

    /// The style on a terminal with `depth`: the first choice that fits, else the first choice downgraded.
    public func resolved(for depth: ColorDepth) -> TextStyle {
        func pick(_ choices: [TerminalColor]) -> TerminalColor {
            if depth == .monochrome { return .terminalDefault }
            return choices.first(where: { $0.fits(depth) }) ?? (choices.first ?? .terminalDefault).downgraded(to: depth)
        }
        return TextStyle(foreground: pick(foreground), background: pick(background),
                         bold: bold, dim: dim, underline: underline, reverse: reverse)
    }
}
