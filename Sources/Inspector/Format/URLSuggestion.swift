/// A guess at what a person meant by a URL the client refused, for the error line.
package enum URLSuggestion {
    /// `ws://localhost:8765/echo` for `localhost:8765/echo`: text with no scheme that starts like a host (and
    /// port) gets `ws://`, or `wss://` for port 443. `nil` when the text has a scheme or does not look like a host.
    package static func forMissingScheme(_ text: String) -> String? {
        guard !text.contains("://"), !text.isEmpty, !text.contains(where: \.isWhitespace) else { return nil }
        let authority = text.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostPart: Substring
        var port: Substring = ""
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            hostPart = authority[...close]
            port = authority[authority.index(after: close)...].drop { $0 == ":" }
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            port = authority[authority.index(after: colon)...]
        } else {
            hostPart = authority
        }
        guard !hostPart.isEmpty, port.allSatisfy(\.isNumber),
            hostPart.allSatisfy({ $0.isLetter || $0.isNumber || "-.[]:".contains($0) })
        else { return nil }
        return (port == "443" ? "wss://" : "ws://") + text
    }
}
