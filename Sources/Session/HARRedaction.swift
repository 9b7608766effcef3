import Captures
import Foundation
import WebSockets

/// Hides credentials in what a HAR file keeps of a handshake, with the library's rule (``Redaction``) plus one
/// of its own: subprotocol tokens that carry a token (Kubernetes' `base64url.bearer.authorization.k8s.io.…`,
/// GraphQL servers' `Bearer, eyJ…`), since a HAR is made to be attached to bug reports.
enum HARRedaction {
    /// `headers` with credential values hidden.
    static func headers(_ headers: [CapturedHeader]) -> [CapturedHeader] {
        headers.map { header in
            if let shown = Redaction.headerValue(name: header.name, value: header.value) {
                return CapturedHeader(name: header.name, value: shown)
            }
            guard header.name.lowercased() == "sec-websocket-protocol" else { return header }
            let tokens = header.value.split(separator: ",", omittingEmptySubsequences: false).map { token in
                let trimmed = token.trimmingCharacters(in: .whitespaces)
                return looksLikeCredential(trimmed) ? Redaction.placeholder : trimmed
            }
            return CapturedHeader(name: header.name, value: tokens.joined(separator: ", "))
        }
    }

    /// The URL with any password hidden.
    static func url(_ url: String) -> String { Redaction.url(url) }

    /// A subprotocol name is a short word (`graphql-ws`, `v1.chat`, `mqtt`); one that names a credential scheme,
    /// or is as long as a token, is treated as one.
    static func looksLikeCredential(_ token: String) -> Bool {
        let lower = token.lowercased()
        let words = ["bearer", "token", "auth", "secret", "password", "apikey", "api-key", "jwt"]
        return token.count > 40 || words.contains { lower.contains($0) } || lower.hasPrefix("eyj")
    }
}
