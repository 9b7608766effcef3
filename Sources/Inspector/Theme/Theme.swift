/// A named set of role styles, parsed from a theme file.
package struct Theme: Sendable, Hashable {
    /// The theme's name (its file name).
    package var name: String
    /// The styles the file set; roles it left out fall back to `normal`.
    package var roles: [ThemeRole: RoleStyle]

    /// Creates a theme.
    package init(name: String, roles: [ThemeRole: RoleStyle]) {
        self.name = name
        self.roles = roles
    }

    /// The style of `role`, before colour depth is applied.
    package func style(_ role: ThemeRole) -> RoleStyle {
        if let style = roles[role] { return style }
        // A theme written before this role existed would otherwise hide the selection whenever compose has focus.
        if role == .selectionUnfocused, var selection = roles[.selection] {
            selection.dim = true
            selection.bold = false
            return selection
        }
        // Matches must stand out in a theme written before search existed: reverse video shows on any terminal.
        if role == .searchMatch { return RoleStyle(bold: true, underline: true, reverse: true) }
        return roles[.normal] ?? RoleStyle()
    }

    /// Every role resolved for a terminal with `depth`.
    package func palette(for depth: ColorDepth) -> Palette {
        var styles: [ThemeRole: TextStyle] = [:]
        for role in ThemeRole.allCases { styles[role] = style(role).resolved(for: depth) }
        return Palette(styles: styles)
    }
}

/// A theme resolved for one terminal: the style of every role, ready for a `Canvas`.
package struct Palette: Sendable, Hashable {
    private var styles: [ThemeRole: TextStyle]

    init(styles: [ThemeRole: TextStyle]) { self.styles = styles }

    /// The style of `role`.
    package subscript(role: ThemeRole) -> TextStyle { styles[role] ?? .plain }

    /// Every distinct style, so a terminal can allocate its colour pairs once up front.
    package var distinctStyles: Set<TextStyle> { Set(styles.values) }
}
