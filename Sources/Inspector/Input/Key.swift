/// A key press as the Terminal layer decodes it.
package enum Key: Sendable, Hashable {
    /// A printable character (including space).
    case character(Character)
    /// Ctrl plus a letter, e.g. `.ctrl("c")`; stored lower-case.
    case ctrl(Character)
    /// Alt (Meta) plus Enter.
    case altEnter
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Page Up.
    case pageUp
    /// Page Down.
    case pageDown
    /// Home.
    case home
    /// End.
    case end
    /// A function key, e.g. `.function(1)` for F1.
    case function(Int)
    /// Tab.
    case tab
    /// Shift-Tab.
    case backTab
    /// Enter / Return (not Ctrl-J, which the Terminal layer reports as `.ctrl("j")`).
    case enter
    /// Escape on its own.
    case escape
    /// Backspace.
    case backspace
    /// Delete.
    case delete
    /// The terminal was resized (ncurses' `KEY_RESIZE`).
    case resize
    /// A mouse button pressed, or the wheel turned, at a screen cell (0-based). The key table names these with
    /// ``mouse(_:)``, at no particular cell: a binding applies wherever the pointer is.
    case mouse(MouseButton, row: Int, col: Int)
    /// Text pasted in one piece (between the terminal's bracketed-paste markers, or a burst of typing too fast
    /// for a person): always text, line breaks included, never keys.
    case paste(String)

    /// How the help overlay writes the key.
    package var displayName: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .ctrl(let c): return "Ctrl-" + String(c).uppercased()
        case .altEnter: return "Alt-Enter"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .function(let n): return "F\(n)"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .resize: return "(resize)"
        case .paste: return "(paste)"
        case .mouse(let button, _, _): return button.displayName
        }
    }

    /// A mouse key as the key table names it, wherever it happens.
    package static func mouse(_ button: MouseButton) -> Key { .mouse(button, row: 0, col: 0) }

    /// The key as the table looks it up: a mouse key without its cell.
    var bindingKey: Key {
        if case .mouse(let button, _, _) = self { return .mouse(button) }
        return self
    }
}

/// What the mouse did (the inspector asks the terminal for presses and the wheel only).
package enum MouseButton: Sendable, Hashable {
    /// The left button went down.
    case press
    /// The wheel turned up (away from the user).
    case wheelUp
    /// The wheel turned down.
    case wheelDown

    /// How the help overlay writes it.
    var displayName: String {
        switch self {
        case .press: return "Click"
        case .wheelUp: return "Wheel-Up"
        case .wheelDown: return "Wheel-Down"
        }
    }
}
