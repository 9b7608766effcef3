/// The one rule for which Unicode scalars act on a terminal or reorder text instead of showing: C0 and C1 controls,
/// DEL, bidi controls and the line/paragraph separators. The inspector's escaping and the capture writers' JSON
/// escaping both follow it, so a capture `cat` to a terminal is as inert as the screen.
package enum InertText {
    /// Whether `scalar` must be written as an escape.
    package static func needsEscaping(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || isBidiOrSeparator(v)
    }

    /// Bidi controls (which reorder what follows) and U+2028/U+2029 (which break lines).
    package static func isBidiOrSeparator(_ v: UInt32) -> Bool {
        switch v {
        case 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
