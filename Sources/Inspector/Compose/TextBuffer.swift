/// An editable text with a cursor, used by the compose box (multi-line) and the filter prompt (one line).
///
/// The text is kept as grapheme clusters so the cursor never lands inside a character (an emoji with a skin tone,
/// a letter with a combining accent).
package struct TextBuffer: Sendable, Hashable {
    private var characters: [Character] = []
    /// The cursor, as a count of characters before it.
    package private(set) var cursor = 0

    /// Creates a buffer holding `text` with the cursor at its end.
    package init(_ text: String = "") { setText(text) }

    /// The whole text.
    package var text: String { String(characters) }
    /// Whether the buffer is empty.
    package var isEmpty: Bool { characters.isEmpty }
    /// The text split at line breaks (at least one line).
    package var lines: [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// The line the cursor is on (0-based).
    package var cursorLine: Int { characters[..<cursor].reduce(0) { $1 == "\n" ? $0 + 1 : $0 } }
    /// The display column of the cursor within its line.
    package var cursorColumn: Int { DisplayWidth.of(String(characters[lineStart(of: cursor)..<cursor])) }

    /// Replaces the text and moves the cursor to the end.
    package mutating func setText(_ text: String) {
        // Any CR LF or CR pasted in becomes a plain line break; the buffer only knows "\n".
        characters = Array(text.replacingLineBreaks())
        cursor = characters.count
    }

    /// Inserts text at the cursor.
    package mutating func insert(_ text: String) {
        let new = Array(text.replacingLineBreaks())
        characters.insert(contentsOf: new, at: cursor)
        cursor += new.count
    }

    /// Inserts a line break at the cursor.
    package mutating func insertNewline() { insert("\n") }

    /// Deletes the character before the cursor (Backspace).
    package mutating func deleteBackward() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    /// Deletes the character under the cursor (Delete).
    package mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    /// Moves one character left.
    package mutating func moveLeft() { cursor = max(0, cursor - 1) }
    /// Moves one character right.
    package mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    /// Moves to the start of the current line.
    package mutating func moveToLineStart() { cursor = lineStart(of: cursor) }
    /// Moves to the end of the current line.
    package mutating func moveToLineEnd() { cursor = lineEnd(of: cursor) }

    /// Moves to the previous line, keeping the column where possible; `false` on the first line.
    package mutating func moveUp() -> Bool {
        let start = lineStart(of: cursor)
        guard start > 0 else { return false }
        let column = cursor - start
        let previousStart = lineStart(of: start - 1)
        cursor = min(previousStart + column, start - 1)
        return true
    }

    /// Moves to the next line, keeping the column where possible; `false` on the last line.
    package mutating func moveDown() -> Bool {
        let end = lineEnd(of: cursor)
        guard end < characters.count else { return false }
        let column = cursor - lineStart(of: cursor)
        let nextStart = end + 1
        cursor = min(nextStart + column, lineEnd(of: nextStart))
        return true
    }

    private func lineStart(of position: Int) -> Int {
        var index = position
        while index > 0 && characters[index - 1] != "\n" { index -= 1 }
        return index
    }

    private func lineEnd(of position: Int) -> Int {
        var index = position
        while index < characters.count && characters[index] != "\n" { index += 1 }
        return index
    }
}

extension String {
    /// CR LF and lone CR turned into LF.
    func replacingLineBreaks() -> String {
        guard contains(where: { $0 == "\r" || $0 == "\r\n" }) else { return self }
        return String(map { $0 == "\r\n" || $0 == "\r" ? "\n" : $0 })
    }
}
