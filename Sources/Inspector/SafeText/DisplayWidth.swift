/// How many terminal columns text takes, so that rows stay aligned when payloads hold CJK, emoji or combining marks.
///
/// The rules follow what `wcwidth` and current terminals do: East Asian Wide and Fullwidth characters and emoji
/// shown as emoji take two columns; combining marks, format characters and other zero-width scalars take none;
/// everything else takes one. A grapheme cluster (a Swift `Character`) is measured as a unit: two columns if any of
/// its scalars is wide or it asks for emoji presentation, otherwise the width of its first scalar.
package enum DisplayWidth {
    /// The columns one scalar takes on its own: 0, 1 or 2.
    package static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x7F { return v < 0x20 ? 0 : 1 }
        if isZeroWidth(scalar) { return 0 }
        if isWide(v) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// The columns one grapheme cluster takes: 0, 1 or 2.
    package static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.count == 1 { return of(first) }
        // VS16 (U+FE0F) turns a text-style symbol such as ❤ into a two-column emoji.
        if scalars.contains(where: { $0.value == 0xFE0F || of($0) == 2 }) { return 2 }
        return of(first)
    }

    /// The columns a string takes.
    package static func of<S: StringProtocol>(_ text: S) -> Int {
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// The longest prefix of `text` that fits in `columns`, never splitting a wide character, together with its
    /// width. When a two-column character would straddle the limit it is left out, so the caller can pad.
    package static func prefix<S: StringProtocol>(_ text: S, fitting columns: Int) -> (text: Substring, width: Int) {
        let whole = Substring(text)
        var width = 0
        var end = whole.startIndex
        for index in whole.indices {
            let w = of(whole[index])
            if width + w > columns { break }
            width += w
            end = whole.index(after: index)
        }
        return (whole[whole.startIndex..<end], width)
    }

    /// `text` cut to at most `columns` columns, ending in `…` when something was cut off.
    package static func truncate<S: StringProtocol>(_ text: S, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if of(text) <= columns { return String(text) }
        let (head, _) = prefix(text, fitting: columns - 1)
        return String(head) + "…"
    }

    /// `text` cut or padded with spaces to exactly `columns` columns.
    package static func pad<S: StringProtocol>(_ text: S, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        let (head, width) = prefix(text, fitting: columns)
        return String(head) + String(repeating: " ", count: columns - width)
    }

    /// `text` right-aligned in `columns` columns (cut from the left if too long, keeping the end visible).
    package static func padLeft<S: StringProtocol>(_ text: S, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        let width = of(text)
        if width >= columns { return pad(text, to: columns) }
        return String(repeating: " ", count: columns - width) + text
    }

    // MARK: - Tables

    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        // Hangul medial vowels and final consonants join the preceding syllable; ZWSP/ZWJ/ZWNJ; variation selectors.
        if (0x1160...0x11FF).contains(v) || (0x200B...0x200D).contains(v) || (0xFE00...0xFE0F).contains(v)
            || (0xE0100...0xE01EF).contains(v)
        {
            return true
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return v != 0x00AD  // a soft hyphen is drawn
        default: return false
        }
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges from Unicode's EastAsianWidth.txt, folded into blocks; emoji
    /// are caught separately through the `Emoji_Presentation` property.
    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F,  // Hangul Jamo initial consonants
            0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
            0x2E80...0x303E,  // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
            0x3041...0x33FF,  // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, Kanbun, CJK compatibility
            0x3400...0x4DBF,  // CJK Extension A
            0x4E00...0x9FFF,  // CJK Unified Ideographs
            0xA000...0xA4CF,  // Yi
            0xA960...0xA97F,  // Hangul Jamo Extended-A
            0xAC00...0xD7A3,  // Hangul syllables
            0xF900...0xFAFF,  // CJK compatibility ideographs
            0xFE10...0xFE19, 0xFE30...0xFE6F,  // vertical forms, CJK compatibility forms, small forms
            0xFF00...0xFF60, 0xFFE0...0xFFE6,  // fullwidth forms
            0x16FE0...0x16FE4, 0x17000...0x18CFF,  // Tangut
            0x1B000...0x1B2FF,  // Kana supplement, Nushu
            0x1F200...0x1F2FF,  // enclosed ideographic supplement
            0x20000...0x2FFFD, 0x30000...0x3FFFD:  // CJK Extensions B and later
            return true
        default:
            return false
        }
    }
}
