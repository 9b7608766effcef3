/// The one rule for hiding credentials in text meant for a person or a file: URL passwords, the values of
/// `Authorization`, `Proxy-Authorization`, `Cookie` and `Set-Cookie`, and the password of a SOCKS5
/// username/password message (RFC 1929).
///
/// The wire tap keeps the exact bytes; this rule applies where they leave for a screen, a dump, a record file or
/// an error message, so a shared terminal, a pasted bug report or a recording never carries a secret. What is
/// hidden becomes ``placeholder``; names (user names, cookie names, the auth scheme) stay, since they are what a
/// person debugging needs to see.
package enum Redaction {
    /// What a hidden secret is shown as.
    package static let placeholder = "***"

    /// Header names (lower case) whose values carry credentials.
    package static let credentialHeaders: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie",
    ]

    /// The value of header `name` as it may be shown, or `nil` when the header carries no credentials.
    ///
    /// - `Authorization: Basic dXNlcjpwYXNz` → `Basic ***` (the scheme says which kind of credentials were sent).
    /// - `Cookie: a=1; b=2` → `a=***; b=***` (the names say which cookies were sent).
    /// - `Set-Cookie: sid=abc; Path=/; HttpOnly` → `sid=***; Path=/; HttpOnly` (attributes are not secret).
    package static func headerValue(name: String, value: String) -> String? {
        switch name.lowercased() {
        case "authorization", "proxy-authorization":
            let trimmed = value.drop(while: { $0 == " " || $0 == "\t" })
            guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return placeholder }
            return String(trimmed[..<space]) + " " + placeholder
        case "cookie":
            return value.split(separator: ";", omittingEmptySubsequences: false)
                .map { hidingValue(ofPair: $0) }.joined(separator: ";")
        case "set-cookie":
            let parts = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
            return hidingValue(ofPair: parts[0]) + (parts.count > 1 ? ";" + parts[1] : "")
        default:
            return nil
        }
    }

    /// `name=value` with the value hidden, keeping the spacing around the name; a pair without `=` is hidden
    /// whole, since it may be a bare token.
    private static func hidingValue(ofPair pair: Substring) -> String {
        if let equals = pair.firstIndex(of: "=") { return String(pair[...equals]) + placeholder }
        let leading = pair.prefix(while: { $0 == " " || $0 == "\t" })
        return leading.count == pair.count ? String(pair) : String(leading) + placeholder
    }
}
