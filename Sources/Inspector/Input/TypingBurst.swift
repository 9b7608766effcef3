/// Multi-line text that arrived faster than anyone types, for terminals without bracketed paste: a line break
/// with more text right behind it in the same read cannot have been a person pressing Enter to send.
package enum TypingBurst {
    /// The pasted text at the start of `keys` and how many keys it spans, or `nil` when they look typed.
    ///
    /// A burst is a run, starting with a character, of characters, Tabs and line breaks (Enter, Ctrl-J) with a line break followed by
    /// another character in the same run; the whole run, trailing line breaks included, is the paste, so nothing
    /// of it is sent.
    package static func paste(at keys: ArraySlice<Key>) -> (text: String, count: Int)? {
        guard case .character? = keys.first else { return nil }
        var text = ""
        var count = 0
        var sawBreak = false
        var textAfterBreak = false
        for key in keys {
            switch key {
            case .character(let character):
                text.append(character)
                if sawBreak { textAfterBreak = true }
            case .tab:
                text.append("\t")
            case .enter, .ctrl("j"):
                text.append("\n")
                sawBreak = true
            default:
                return textAfterBreak ? (text, count) : nil
            }
            count += 1
        }
        return textAfterBreak ? (text, count) : nil
    }
}
