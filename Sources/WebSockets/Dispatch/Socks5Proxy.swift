import WebSocketCore

/// A SOCKS5 proxy (RFC 1928): where it is, who resolves the target's name, and the RFC 1929 credentials.
public struct Socks5Proxy: Sendable, Hashable, CustomStringConvertible {
    /// The proxy's host, IPv6 without brackets.
    public var host: String
    /// The proxy's port (1080 unless the URI names one).
    public var port: Int
    /// `true` for `socks5://`: this client resolves the target's name and sends the address. `false` for
    /// `socks5h://`: the name is sent and the proxy resolves it.
    public var resolvesLocally: Bool
    /// The RFC 1929 user name, if the proxy wants username/password authentication.
    public var username: String?
    /// The RFC 1929 password.
    public var password: String?

    /// Parses a `socks5://` or `socks5h://` URI; user info becomes the RFC 1929 credentials (each at most 255
    /// UTF-8 bytes). Throws a `.syntax` error naming what is wrong.
    public init(uri: String) throws(WebSocketAPIError) {
        try self.init(parsed: ProxyURI(uri, allowedSchemes: ["socks5", "socks5h"]))
    }

    init(parsed: ProxyURI) throws(WebSocketAPIError) {
        if let username = parsed.username, username.utf8.count > 255 || username.isEmpty {
            throw WebSocketAPIError(.syntax, "SOCKS5 user name must be 1–255 bytes (RFC 1929), not \(username.utf8.count)")
        }
        if let password = parsed.password, password.utf8.count > 255 {
            throw WebSocketAPIError(.syntax, "SOCKS5 password must be at most 255 bytes (RFC 1929), not \(password.utf8.count)")
        }
        host = parsed.host
        port = parsed.explicitPort ?? 1080
        resolvesLocally = parsed.scheme == "socks5"
        username = parsed.username
        password = parsed.username == nil ? nil : (parsed.password ?? "")
    }

    /// `host:port`, with an IPv6 host in brackets.
    public var address: String { HostPort.address(host: host, port: port) }

    /// "SOCKS5 proxy 127.0.0.1:1080", as errors and status lines name it.
    public var description: String { "SOCKS5 proxy " + address }
}
