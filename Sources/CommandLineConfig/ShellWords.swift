/// Splits a command line the way bash does for the quoting a browser's "Copy as cURL" uses: blanks between words,
/// `'…'` (nothing special inside), `"…"` (`\` escapes `$ \` " \\` and newline), `$'…'` ANSI-C quoting (bash manual,
/// "ANSI-C Quoting": `\n \t \r \\ \' \" \a \b \e \f \v`, `\NNN` octal, `\xHH`, `\uHHHH`, `\UHHHHHHHH`), and `\`
/// outside quotes (`\` + newline is a line continuation). No expansion, globbing or pipes: those are not in a copy.
package enum ShellWords {
    /// Why a line could not be split, as the end of a sentence.
    package enum Failure: Error, Equatable {
        /// A quote opened and never closed.
        case unterminatedQuote(Character)
        /// A `\` at the very end.
        case trailingBackslash
    }

    /// The words of `line`.
    package static func split(_ line: String) throws(Failure) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var characters = Array(line)[...]
        while let character = characters.popFirst() {
            switch character {
            // "\r\n" is one Character in Swift: a copy pasted from Windows line endings.
            case " ", "\t", "\n", "\r", "\r\n":
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
            case "\\":
                guard let next = characters.popFirst() else { throw .trailingBackslash }
                if next == "\n" || next == "\r\n" { continue }
                current.append(next)
                inWord = true
            case "'":
                current += try singleQuoted(&characters)
                inWord = true
            case "\"":
                current += try doubleQuoted(&characters)
                inWord = true
            case "$" where characters.first == "'":
                characters.removeFirst()
                current += try ansiCQuoted(&characters)
                inWord = true
            default:
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    private static func singleQuoted(_ characters: inout ArraySlice<Character>) throws(Failure) -> String {
        guard let end = characters.firstIndex(of: "'") else { throw .unterminatedQuote("'") }
        defer { characters = characters[(end + 1)...] }
        return String(characters[..<end])
    }

    private static func doubleQuoted(_ characters: inout ArraySlice<Character>) throws(Failure) -> String {
        var out = ""
        while let character = characters.popFirst() {
            switch character {
            case "\"": return out
            case "\\":
                guard let next = characters.popFirst() else { throw .unterminatedQuote("\"") }
                if next == "\n" || next == "\r\n" { continue }
                if !["$", "`", "\"", "\\"].contains(next) { out.append("\\") }
                out.append(next)
            default: out.append(character)
            }
        }
        throw .unterminatedQuote("\"")
    }

    private static func ansiCQuoted(_ characters: inout ArraySlice<Character>) throws(Failure) -> String {
        var out = ""
        while let character = characters.popFirst() {
            if character == "'" { return out }
            guard character == "\\" else {
                out.append(character)
                continue
            }
            guard let next = characters.popFirst() else { throw .unterminatedQuote("'") }
            switch next {
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "r": out.append("\r")
            case "a": out.append("\u{07}")
            case "b": out.append("\u{08}")
            case "e", "E": out.append("\u{1B}")
            case "f": out.append("\u{0C}")
            case "v": out.append("\u{0B}")
            case "x": out += scalar(&characters, radix: 16, maxDigits: 2) ?? "\\x"
            case "u": out += scalar(&characters, radix: 16, maxDigits: 4) ?? "\\u"
            case "U": out += scalar(&characters, radix: 16, maxDigits: 8) ?? "\\U"
            case "0"..."7":
                characters.insert(next, at: characters.startIndex)
                out += scalar(&characters, radix: 8, maxDigits: 3) ?? ""
            default:
                // `\\ \' \"` and `\?` stand for the character; bash keeps any other backslash as written.
                if !["\\", "'", "\"", "?"].contains(next) { out.append("\\") }
                out.append(next)
            }
        }
        throw .unterminatedQuote("'")
    }

    /// Up to `maxDigits` digits of `radix` as one Unicode scalar; `nil` (nothing consumed) when there are none.
    private static func scalar(_ characters: inout ArraySlice<Character>, radix: Int, maxDigits: Int) -> String? {
        var digits = ""
        while digits.count < maxDigits, let next = characters.first, next.isHexDigit,
            Int(String(next), radix: radix) != nil
        {
            digits.append(next)
            characters.removeFirst()
        }
        guard !digits.isEmpty, let value = UInt32(digits, radix: radix), let scalar = Unicode.Scalar(value) else {
            return nil
        }
        return String(Character(scalar))
    }
}
