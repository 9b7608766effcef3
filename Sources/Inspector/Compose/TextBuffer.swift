/// An editable text with a cursor, used by the compose box (multi-line) and the filter prompt (one line).
///
/// The text is kept as grapheme clusters so the cursor never lands inside a character (an emoji with a skin tone,
/// a letter with a combining accent).
public struct TextBuffer: Sendable, Hashable {
    private var characters: [Character] = []
    /// The cursor, as a count of characters before it.
    public private(set) var cursor = 0

    /// Creates a buffer holding `text` with the cursor at its end.
    public init(_ text: String = "") { setText(text) }

    /// The whole text.
    public var text: String { String(characters) }
    /// Whether the buffer is empty.
    public var isEmpty: Bool { characters.isEmpty }
    /// The text split at line breaks (at least one line).
    public var lines: [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// The line the cursor is on (0-based).
    public var cursorLine: Int { characters[..<cursor].reduce(0) { $1 == "\n" ? $0 + 1 : $0 } }
    /// The display column of the cursor within its line.
    public var cursorColumn: Int { DisplayWidth.of(String(characters[lineStart(of: cursor)..<cursor])) }

    /// Replaces the text and moves the cursor to the end.
    public mutating func setText(_ text: String) {
        // Any CR LF or CR pasted in becomes a plain line break; the buffer only knows "\n".
        characters = Array(text.replacingLineBreaks())
        cursor = characters.count
    }

    /// Inserts text at the cursor.
    public mutating func insert(_ text: String) {
        let new = Array(text.replacingLineBreaks())
        characters.insert(contentsOf: new, at: cursor)
        cursor += new.count
    }

    /// Inserts a line break at the cursor.
    public mutating func insertNewline() { insert("\n") }

    /// Deletes the character before the cursor (Backspace).
    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    /// Deletes the character under the cursor (Delete).
    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    /// Moves one character left.
    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    /// Moves one character right.
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    /// Moves to the start of the current line.
    public mutating func moveToLineStart() { cursor = lineStart(of: cursor) }
    /// Moves to the end of the current line.
    public mutating func moveToLineEnd() { cursor = lineEnd(of: cursor) }

    /// Moves to the previous line, keeping the column where possible; `false` on the first line.
    public mutating func moveUp() -> Bool {
        let start = lineStart(of: cursor)
        guard start > 0 else { return false }
        let column = cursor - start
        let previousStart = lineStart(of: start - 1)
        cursor = min(previousStart + column, start - 1)
        return true
    }

    /// Moves to the next line, keeping the column where possible; `false` on the last line.
    public mutating func moveDown() -> Bool {
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
