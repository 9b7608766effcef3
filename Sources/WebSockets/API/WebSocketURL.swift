import Foundation
import WebSocketCore

/// A WebSocket URL parsed and checked by the WHATWG rules.
struct WebSocketURL: Sendable, Hashable {
    /// `true` for `wss:`.
    let secure: Bool
    /// The host, IPv6 without brackets.
    let host: String
    /// The port, explicit or the scheme's default.
    let port: Int
    /// Path and query.
    let target: String
    /// The serialized URL: `ws:` or `wss:`, lower-case scheme and host, default port omitted. It leaves out any
    /// userinfo, so it can be shown as it is.
    let serialized: String
    /// `user:password` from the URL's userinfo, percent-decoded, for `Authorization: Basic`; `nil` without one.
    let credentials: String?

    /// Parses `string`; `http(s)` becomes `ws(s)`; other schemes, relative URLs and any fragment are a SyntaxError.
    /// Messages quote the URL with its password hidden (`Redaction.url(_:)`).
    init(_ string: String) throws(WebSocketAPIError) {
        let shown = Redaction.url(string)
        guard let components = URLComponents(string: string), let rawScheme = components.scheme else {
            throw WebSocketAPIError(.syntax, "\"\(shown)\" is not an absolute URL")
        }
        let scheme = rawScheme.lowercased()
        switch scheme {
        case "ws", "http": secure = false
        case "wss", "https": secure = true
        default: throw WebSocketAPIError(.syntax, "URL scheme must be ws, wss, http or https, not \"\(rawScheme)\"")
        }
        if components.fragment != nil || string.contains("#") {
            throw WebSocketAPIError(.syntax, "a WebSocket URL cannot have a fragment (\"\(shown)\")")
        }
        guard var host = components.percentEncodedHost, !host.isEmpty else {
            throw WebSocketAPIError(.syntax, "\"\(shown)\" has no host")
        }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.host = try Self.normalizedHost(host)
        let defaultPort = secure ? 443 : 80
        if let port = components.port {
            guard (1...65535).contains(port) else { throw WebSocketAPIError(.syntax, "port \(port) is out of range") }
            self.port = port
        } else {
            self.port = defaultPort
        }
        var path = components.percentEncodedPath
        if path.isEmpty { path = "/" }
        if let query = components.percentEncodedQuery { path += "?" + query }
        target = path
        credentials = components.user.map { "\($0):\(components.password ?? "")" }
        let hostText = HostPort.bracketed(self.host)
        let portText = self.port == defaultPort ? "" : ":\(self.port)"
        serialized = "\(secure ? "wss" : "ws")://\(hostText)\(portText)\(target)"
    }
}

extension WebSocketStream {
    /// Checks `url` as both clients do before connecting and returns it serialized (`ws:`/`wss:`, no userinfo);
    /// throws the same `.syntax` error. For a command that takes a URL now and connects to it later (the relay).
    package static func checkedURL(_ url: String) throws(WebSocketAPIError) -> String {
        try WebSocketURL(url).serialized
    }
}
