import Foundation

/// A proxy URI taken apart: `scheme://[user[:password]@]host[:port][/]`.
///
/// A value without `://` is read as `http://value`, as curl reads `HTTP_PROXY=127.0.0.1:3128`. User name and
/// password are percent-decoded. Any error message shows the URI with its password replaced by `***`.
struct ProxyURI: Sendable, Hashable {
    /// The scheme, lower-cased.
    let scheme: String
    /// The host, lower-cased, IPv6 without brackets.
    let host: String
    /// The port, if the URI names one.
    let explicitPort: Int?
    /// The percent-decoded user name, if the URI has userinfo.
    let username: String?
    /// The percent-decoded password, if the userinfo has one.
    let password: String?

    /// Parses `text`; `allowedSchemes` lists the schemes the caller accepts, for the error message.
    init(_ text: String, allowedSchemes: [String]) throws(WebSocketAPIError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let withScheme = trimmed.contains("://") ? trimmed : "http://" + trimmed
        let shown = Self.redacted(withScheme)
        let allowed = allowedSchemes.map { "\($0)://" }.joined(separator: ", ")
        guard let components = URLComponents(string: withScheme), let rawScheme = components.scheme else {
            throw WebSocketAPIError(.syntax, "proxy URI \"\(shown)\" is not a valid URL")
        }
        let scheme = rawScheme.lowercased()
        guard allowedSchemes.contains(scheme) else {
            throw WebSocketAPIError(.syntax, "proxy URI \"\(shown)\" has scheme \"\(rawScheme)\"; expected \(allowed)")
        }
        guard var host = components.percentEncodedHost, !host.isEmpty else {
            throw WebSocketAPIError(.syntax, "proxy URI \"\(shown)\" has no host")
        }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if let port = components.port, !(1...65535).contains(port) {
            throw WebSocketAPIError(.syntax, "proxy URI \"\(shown)\" has port \(port), out of range 1–65535")
        }
        let path = components.percentEncodedPath
        guard path.isEmpty || path == "/", components.percentEncodedQuery == nil, components.fragment == nil else {
            throw WebSocketAPIError(.syntax, "proxy URI \"\(shown)\" must not have a path, query or fragment")
        }
        self.scheme = scheme
        self.host = host.lowercased()
        self.explicitPort = components.port
        self.username = components.user
        self.password = components.password
    }

    /// `text` with the password of its userinfo replaced by `***`, for messages (see `Redaction.url(_:)`: the
    /// userinfo ends at the last `@`, so a password holding `/`, `?` or `#` is hidden too).
    static func redacted(_ text: String) -> String { Redaction.url(text) }
}
