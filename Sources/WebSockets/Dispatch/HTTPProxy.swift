import Foundation
import WebSocketCore

/// An HTTP or HTTPS proxy that tunnels connections with `CONNECT`: where it is, how to authenticate, which extra
/// headers to send, and (for `https://`) how to verify it.
public struct HTTPProxy: Sendable, Hashable, CustomStringConvertible {
    /// One extra header sent with the `CONNECT` request: the same field type the handshake uses.
    public typealias Header = HTTPHeaders.Field

    /// The proxy's host, IPv6 without brackets.
    public var host: String
    /// The proxy's port.
    public var port: Int
    /// Whether the connection to the proxy itself is TLS (`https://`).
    public var secure: Bool
    /// The `Proxy-Authorization` value sent with `CONNECT`, or nil for none.
    public var authorization: String?
    /// Extra headers sent with `CONNECT`, in order, after `Host` and `Proxy-Authorization`.
    public var headers: [Header]
    /// How the TLS connection to an `https://` proxy is verified; unused for `http://`.
    public var tls: TLSOptions

    /// Parses an `http://` or `https://` proxy URI (a value without a scheme is read as `http://`). The default
    /// port is the scheme's (80 or 443). User info becomes `Proxy-Authorization: Basic …`, unless `token` (a
    /// complete header value such as `Bearer abc` or `Basic dXNlcjpwYXNz`) is given, or `headers` already has a
    /// `Proxy-Authorization` field. Throws a `.syntax` error naming what is wrong.
    public init(
        uri: String, token: String? = nil, headers: [(name: String, value: String)] = [], tls: TLSOptions = TLSOptions()
    ) throws(WebSocketAPIError) {
        let parsed = try ProxyURI(uri, allowedSchemes: ["http", "https"])
        try self.init(parsed: parsed, token: token, headers: headers, tls: tls)
    }

    init(parsed: ProxyURI, token: String?, headers: [(name: String, value: String)], tls: TLSOptions) throws(WebSocketAPIError) {
        let fields = headers.map { Header(name: $0.name, value: $0.value) }
        for field in fields {
            guard HTTPToken.isValid(field.name) else {
                throw WebSocketAPIError(.syntax, "proxy header name \"\(field.name)\" is not a valid HTTP token")
            }
            guard HTTPToken.isValidFieldValue(field.value) else {
                throw WebSocketAPIError(.syntax, "proxy header \(field.name) has a CR, LF or NUL in its value")
            }
        }
        if let token, !HTTPToken.isValidFieldValue(token) || token.isEmpty {
            throw WebSocketAPIError(.syntax, "proxy token must be a non-empty header value without CR, LF or NUL")
        }
        let hasHeader = fields.contains { $0.name.lowercased() == "proxy-authorization" }
        self.host = parsed.host
        self.secure = parsed.scheme == "https"
        self.port = parsed.explicitPort ?? (secure ? 443 : 80)
        self.headers = fields
        self.tls = tls
        if hasHeader {
            self.authorization = nil
        } else if let token {
            self.authorization = token
        } else if let username = parsed.username {
            let credentials = "\(username):\(parsed.password ?? "")"
            self.authorization = "Basic " + Data(credentials.utf8).base64EncodedString()
        } else {
            self.authorization = nil
        }
    }

    /// `host:port`, with an IPv6 host in brackets.
    public var address: String { HostPort.address(host: host, port: port) }

    /// "proxy 127.0.0.1:3128" or "https proxy 127.0.0.1:8443", as errors and status lines name it.
    public var description: String { (secure ? "https proxy " : "proxy ") + address }

    /// Whether `CONNECT` carries credentials (from the URI, a token, or an explicit header).
    var sendsCredentials: Bool {
        authorization != nil || headers.contains { $0.name.lowercased() == "proxy-authorization" }
    }
}
