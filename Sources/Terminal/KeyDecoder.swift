import CNCurses
import Inspector

/// What `wget_wch` returned: a character (`OK`), or a key code (`KEY_CODE_YES`).
enum RawInput: Hashable {
    /// A character, including control characters in raw mode.
    case character(UInt32)
    /// An ncurses key code such as `KEY_UP`.
    case keyCode(Int32)
    /// A mouse event ncurses decoded (`KEY_MOUSE` and `getmouse`), already a key.
    case mouse(Key)
}

/// Turns one `wget_wch` result into the model's ``Key``. The ESC-prefix pairing for Alt-Enter lives in
/// ``KeyReader``, which sees the following input; this is the one-to-one part.
///
/// The terminal is in raw, `nonl` mode, so Enter arrives as CR (13) and Ctrl-J as LF (10) and the two stay
/// distinct, and Ctrl-C arrives as the character 3 instead of raising SIGINT.
enum KeyDecoder {
    /// The key for `input`, or `nil` for input the inspector has no use for (unknown key codes, NUL, other
    /// control characters with no letter).
    static func decode(_ input: RawInput) -> Key? {
        switch input {
        case .character(let value): return character(value)
        case .keyCode(let code): return keyCode(code)
        case .mouse(let key): return key
        }
    }

    private static func character(_ value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 13: return .enter
        case 10: return .ctrl("j")
        case 27: return .escape
        // Terminals send DEL (most) or BS (some, and Ctrl-H) for the Backspace key.
        case 127, 8: return .backspace
        case 1...26:
            return .ctrl(Character(Unicode.Scalar(UInt8(0x60) + UInt8(value))))
        case 0, 28...31, 0x80...0x9F:
            return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }

    private static func keyCode(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME, KEY_BEG: return .home
        case KEY_END, KEY_LL: return .end
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case wsi_key_resize(): return .resize
        default:
            for n in 1...24 where code == wsi_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }
}
