/// Finds the line of a key in TOML text, because TOMLKit reports a line only for syntax errors and a message
/// about a bad value should still point at it. Understands `[table]` headers and plain or dotted `key =` lines,
/// which is how config files are written; anything else (inline tables) gets `nil` and the key path alone.
package struct KeyLineLocator: Sendable {
    private let lines: [Substring]

    /// A locator over the file's text.
    package init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The 1-based line that defines `path` (a table header or a key), or `nil` when none is found.
    package func line(of path: [String]) -> Int? {
        var table: [String] = []
        for (index, raw) in lines.enumerated() {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("[[") { continue }
            if line.hasPrefix("["), let end = line.firstIndex(of: "]") {
                table = Self.keyParts(line[line.index(after: line.startIndex)..<end])
                if table == path { return index + 1 }
                continue
            }
            guard let equals = line.firstIndex(of: "="), !line.hasPrefix("#") else { continue }
            if table + Self.keyParts(line[..<equals]) == path { return index + 1 }
        }
        return nil
    }

    /// `a."b c".d` as `["a", "b c", "d"]`: dotted parts, trimmed, quotes removed.
    private static func keyParts(_ text: Substring) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "." {
                parts.append(current)
                current = ""
            } else if character != " " && character != "\t" {
                current.append(character)
            }
        }
        parts.append(current)
        return parts
    }
}
