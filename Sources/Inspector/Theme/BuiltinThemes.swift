/// The shipped themes, embedded so the binary works from any directory. Each string is byte for byte the file
/// of the same name in `themes/` (a test checks this), which stays the copy people read and edit.
package enum BuiltinThemes {
    /// The names, in the order `--help` lists them.
    package static let names = ["default", "light", "high-contrast", "mono"]

    /// The text of the built-in theme called `name`.
    package static func text(named name: String) -> String? {
        switch name {
        case "default": return defaultTheme
        case "light": return light
        case "high-contrast": return highContrast
        case "mono": return mono
        default: return nil
        }
    }

    /// `themes/default`.
    static let defaultTheme = #"""
        # wsinspect theme: default (dark or any terminal background)
        #
        # Copy this file, edit it, and pass it with `wsinspect --theme PATH`.
        #
        # Each line is   role = FOREGROUND [on BACKGROUND] [, attribute ...]
        #   colours:     default, black, red, green, yellow, blue, magenta, cyan, white,
        #                bright-black … bright-white (16-colour terminals), color0 … color255
        #   attributes:  bold, dim, underline, reverse
        # A colour may list fallbacks after "|", richest first: on a terminal with fewer colours the
        # first one it can show wins, and if none fits the nearest basic colour is used.
        # "#" starts a comment. Roles left out look like "normal".

        normal              = default on default
        time                = color244 | bright-black | white
        sent                = color114 | bright-green | green
        received            = color117 | bright-cyan | cyan
        local               = color180 | yellow | yellow
        opcode-text         = color252 | white | white
        opcode-binary       = color141 | bright-magenta | magenta
        opcode-continuation = color248 | white | white
        opcode-close        = color210 | bright-red | red, bold
        opcode-ping         = color222 | bright-yellow | yellow
        opcode-pong         = color186 | yellow | yellow
        opcode-reserved     = color196 | bright-red | red, bold, underline
        handshake           = color146 | bright-blue | blue
        error               = color203 | bright-red | red, bold
        header-bytes        = color215 | bright-yellow | yellow, bold
        payload-bytes       = color252 | white | white
        unmasked-bytes      = color150 | bright-green | green
        hex-offset          = color242 | bright-black | white, dim
        label               = color110 | cyan | cyan
        status-bar          = color255 | bright-white | white on color24 | blue | blue
        status-state        = color255 | bright-white | white on color24 | blue | blue, bold
        paused-badge        = color16 | black | black on color214 | yellow | yellow, bold
        selection           = color231 | bright-white | white on color25 | blue | blue, bold
        selection-unfocused = color250 | white | white on color238 | bright-black | black, underline
        search-match        = color16 | black | black on color220 | bright-yellow | yellow, bold
        border              = color240 | bright-black | white
        border-focused      = color75 | bright-cyan | cyan, bold
        title               = color253 | bright-white | white, bold
        hint                = color245 | bright-black | white, dim
        compose-mode        = color16 | black | black on color75 | cyan | cyan, bold
        """# + "\n"

    /// `themes/light`.
    static let light = #"""
        # wsinspect theme: light (for terminals with a light background)
        #
        # Each line is   role = FOREGROUND [on BACKGROUND] [, attribute ...]
        #   colours:     default, black, red, green, yellow, blue, magenta, cyan, white,
        #                bright-black … bright-white, color0 … color255
        #   attributes:  bold, dim, underline, reverse
        # Fallbacks after "|", richest first. "#" starts a comment.

        normal              = default on default
        time                = color241 | bright-black | black
        sent                = color28 | green | green
        received            = color25 | blue | blue
        local               = color130 | yellow | yellow
        opcode-text         = color235 | black | black
        opcode-binary       = color91 | magenta | magenta
        opcode-continuation = color240 | bright-black | black
        opcode-close        = color160 | red | red, bold
        opcode-ping         = color136 | yellow | yellow
        opcode-pong         = color100 | yellow | yellow
        opcode-reserved     = color160 | red | red, bold, underline
        handshake           = color61 | blue | blue
        error               = color160 | red | red, bold
        header-bytes        = color166 | red | red, bold
        payload-bytes       = color235 | black | black
        unmasked-bytes      = color28 | green | green
        hex-offset          = color246 | bright-black | black, dim
        label               = color31 | cyan | cyan
        status-bar          = color235 | black on color153 | bright-cyan | cyan
        status-state        = color235 | black on color153 | bright-cyan | cyan, bold
        paused-badge        = color231 | bright-white | white on color166 | red | red, bold
        selection           = color16 | black on color189 | bright-white | white, bold
        selection-unfocused = color238 | black | black on color253 | white | white, underline
        search-match        = color16 | black | black on color228 | bright-yellow | yellow, bold
        border              = color248 | bright-black | black
        border-focused      = color25 | blue | blue, bold
        title               = color16 | black | black, bold
        hint                = color243 | bright-black | black, dim
        compose-mode        = color231 | bright-white | white on color25 | blue | blue, bold
        """# + "\n"

    /// `themes/high-contrast`.
    static let highContrast = #"""
        # wsinspect theme: high-contrast (black background, saturated colours, bold where it helps)
        #
        # Each line is   role = FOREGROUND [on BACKGROUND] [, attribute ...]
        #   colours:     default, black, red, green, yellow, blue, magenta, cyan, white,
        #                bright-black … bright-white, color0 … color255
        #   attributes:  bold, dim, underline, reverse
        # Fallbacks after "|", richest first. "#" starts a comment.

        normal              = bright-white | white on black
        time                = bright-white | white on black
        sent                = bright-green | green on black, bold
        received            = bright-cyan | cyan on black, bold
        local               = bright-yellow | yellow on black, bold
        opcode-text         = bright-white | white on black, bold
        opcode-binary       = bright-magenta | magenta on black, bold
        opcode-continuation = bright-white | white on black
        opcode-close        = bright-red | red on black, bold
        opcode-ping         = bright-yellow | yellow on black, bold
        opcode-pong         = bright-yellow | yellow on black
        opcode-reserved     = bright-red | red on black, bold, underline
        handshake           = bright-blue | blue on black, bold
        error               = bright-white | white on red, bold
        header-bytes        = black on bright-yellow | yellow
        payload-bytes       = bright-white | white on black
        unmasked-bytes      = bright-green | green on black
        hex-offset          = bright-white | white on black
        label               = bright-cyan | cyan on black, bold
        status-bar          = black on bright-white | white
        status-state        = black on bright-white | white, bold
        paused-badge        = black on bright-yellow | yellow, bold
        selection           = black on bright-cyan | cyan, bold
        selection-unfocused = bright-white | white on bright-black | black, underline
        search-match        = black on bright-yellow | yellow, bold, underline
        border              = bright-white | white on black
        border-focused      = bright-yellow | yellow on black, bold
        title               = bright-white | white on black, bold, underline
        hint                = bright-white | white on black
        compose-mode        = black on bright-green | green, bold
        """# + "\n"

    /// `themes/mono`.
    static let mono = #"""
        # wsinspect theme: mono (no colours at all; chosen automatically when NO_COLOR is set)
        #
        # Each line is   role = FOREGROUND [on BACKGROUND] [, attribute ...]
        # Here every colour is the terminal's default and only attributes tell things apart:
        #   bold, dim, underline, reverse

        normal              = default
        time                = default, dim
        sent                = default
        received            = default, bold
        local               = default, dim
        opcode-text         = default
        opcode-binary       = default
        opcode-continuation = default, dim
        opcode-close        = default, bold, underline
        opcode-ping         = default, underline
        opcode-pong         = default, underline
        opcode-reserved     = default, bold, underline
        handshake           = default, dim
        error               = default, bold, reverse
        header-bytes        = default, bold, underline
        payload-bytes       = default
        unmasked-bytes      = default, dim
        hex-offset          = default, dim
        label               = default, bold
        status-bar          = default, reverse
        status-state        = default, reverse, bold
        paused-badge        = default, bold, underline
        selection           = default, reverse
        selection-unfocused = default, dim, underline
        search-match        = default, bold, underline
        border              = default, dim
        border-focused      = default, bold
        title               = default, bold
        hint                = default, dim
        compose-mode        = default, reverse
        """# + "\n"
}
