import CNCurses
import Inspector

/// Turns what `wget_wch` returned into ``Key``s: Alt-Enter from ESC + CR, and bracketed paste.
///
/// With bracketed paste on (``CursesScreen`` asks for it), the terminal wraps pasted text in `ESC [ 200 ~` …
/// `ESC [ 201 ~`; ncurses knows no key for these, so they arrive as plain characters. Everything between them is
/// one ``Key/paste(_:)``, line breaks included, however many reads it spans.
struct InputDecoder {
    private static let pasteStart: [RawInput] = "\u{1B}[200~".unicodeScalars.map { .character($0.value) }
    private static let pasteEnd: [RawInput] = "\u{1B}[201~".unicodeScalars.map { .character($0.value) }

    /// The text of a paste whose end marker has not arrived yet.
    private var pasting: String?
    /// Input at the end of a read that may be the start of a marker, kept until the next read says.
    private var held: [RawInput] = []

    /// Whether a paste is still being read.
    var isPasting: Bool { pasting != nil }

    /// Decodes one read. `complete` says the terminal had nothing more to give; a possible marker start at the
    /// end of an incomplete read (one cut at the batch limit) waits for the next one instead.
    mutating func decode(_ inputs: [RawInput], complete: Bool) -> [Key] {
        let input = held + inputs
        held = []
        var keys: [Key] = []
        var index = 0
        while index < input.count {
            let rest = input[index...]
            let marker = pasting == nil ? Self.pasteStart : Self.pasteEnd
            if rest.starts(with: marker) {
                if let text = pasting { keys.append(.paste(text)) }
                pasting = pasting == nil ? "" : nil
                index += marker.count
                continue
            }
            // Inside a paste the end marker is sure to come, so a split one always waits.
            if (!complete || pasting != nil) && rest.count < marker.count && marker.starts(with: rest) {
                held = Array(rest)
                break
            }
            if pasting != nil {
                index += appendPasted(rest)
            } else {
                index += decodeKey(rest, into: &keys)
            }
        }
        return keys
    }

    /// Adds one pasted input to the paste; CR LF and CR become one line break. Returns how many inputs it used.
    private mutating func appendPasted(_ rest: ArraySlice<RawInput>) -> Int {
        guard case .character(let value) = rest.first else { return 1 }  // a key code: not text, dropped
        if value == 13 {
            pasting?.append("\n")
            return rest.dropFirst().first == .character(10) ? 2 : 1
        }
        if let scalar = Unicode.Scalar(value) { pasting?.unicodeScalars.append(scalar) }
        return 1
    }

    /// Decodes the key at the start of `rest`. Alt (Meta) arrives as ESC followed by the key: ncurses already
    /// waited `ESCDELAY` for the rest, so ESC + CR/LF is Alt-Enter, and ESC + anything else is Esc and that key
    /// (no key is lost; the inspector binds no other Alt chords). Returns how many inputs it used.
    private func decodeKey(_ rest: ArraySlice<RawInput>, into keys: inout [Key]) -> Int {
        guard rest.first == .character(27) else {
            if let key = KeyDecoder.decode(rest.first!) { keys.append(key) }
            return 1
        }
        switch rest.dropFirst().first {
        case nil:
            keys.append(.escape)
            return 1
        case .character(13)?, .character(10)?, .keyCode(KEY_ENTER)?:
            keys.append(.altEnter)
            return 2
        case .character(27)?:
            keys.append(.escape)
            keys.append(.escape)
            return 2
        case let other?:
            keys.append(.escape)
            if let key = KeyDecoder.decode(other) { keys.append(key) }
            return 2
        }
    }
}
