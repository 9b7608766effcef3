import Foundation

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
    /// The serialized URL: `ws:` or `wss:`, lower-case scheme and host, default port omitted.
    let serialized: String

    /// Parses `string`; `http(s)` becomes `ws(s)`; other schemes, relative URLs and any fragment are a SyntaxError.
    init(_ string: String) throws(WebSocketAPIError) {
        guard let components = URLComponents(string: string), let rawScheme = components.scheme else {
            throw WebSocketAPIError(.syntax, "\"\(string)\" is not an absolute URL")
        }
        let scheme = rawScheme.lowercased()
        switch scheme {
        case "ws", "http": secure = false
        case "wss", "https": secure = true
        default: throw WebSocketAPIError(.syntax, "URL scheme must be ws, wss, http or https, not \"\(rawScheme)\"")
        }
        if components.fragment != nil || string.contains("#") {
            throw WebSocketAPIError(.syntax, "a WebSocket URL cannot have a fragment (\"\(string)\")")
        }
        guard var host = components.percentEncodedHost, !host.isEmpty else {
            throw WebSocketAPIError(.syntax, "\"\(string)\" has no host")
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
        let hostText = self.host.contains(":") ? "[\(self.host)]" : self.host
        let portText = self.port == defaultPort ? "" : ":\(self.port)"
        serialized = "\(secure ? "wss" : "ws")://\(hostText)\(portText)\(target)"
    }
}
