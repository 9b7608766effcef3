extension Redaction {
    /// `url` with the password of its userinfo hidden: `ws://alice:***@host/`. The userinfo ends at the **last**
    /// `@` of the whole text, not at the first `/`, `?` or `#`: a password holding one of those makes the URL
    /// invalid, and exactly then the error message quotes it. A path that holds an `@` is hidden too; showing a
    /// little less of a URL is the safe way to be wrong.
    package static func url(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        return hidingPassword(in: url[...], authorityStart: schemeEnd.upperBound)
    }

    /// `text` with the password of every `scheme://user:password@` in it hidden, for free text such as notes and
    /// error messages. A URL there ends at white space or a quote.
    package static func urls(in text: String) -> String {
        guard text.contains("://") else { return text }
        var result = ""
        var rest = text[...]
        while let schemeEnd = rest.range(of: "://") {
            let end = rest[schemeEnd.upperBound...].firstIndex(where: endsURL) ?? rest.endIndex
            result += hidingPassword(in: rest[..<end], authorityStart: schemeEnd.upperBound)
            rest = rest[end...]
        }
        return result + rest
    }

    /// Characters that end a URL quoted in free text.
    private static func endsURL(_ character: Character) -> Bool {
        character.isWhitespace || character == "\"" || character == "'" || character == "<" || character == ">"
            || character == "`"
    }

    /// `text` with the password between the first `:` after `authorityStart` and the last `@` hidden; unchanged
    /// when there is no `@` or the userinfo has no password.
    private static func hidingPassword(in text: Substring, authorityStart: Substring.Index) -> String {
        let authority = text[authorityStart...]
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else {
            return String(text)
        }
        return String(text[...colon]) + placeholder + String(text[at...])
    }
}
