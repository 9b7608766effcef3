/// The route a dispatcher picks for one connection.
public enum ConnectionRoute: Sendable, Hashable {
    /// Straight to the target.
    case direct
    /// Through an HTTP or HTTPS proxy, with a `CONNECT` tunnel (for `ws:` and `wss:` alike).
    case httpProxy(HTTPProxy)
    /// Through a SOCKS5 proxy (RFC 1928), with username/password authentication (RFC 1929) when configured.
    case socks5Proxy(Socks5Proxy)
}

/// Decides how WebSocket connections reach their server: directly, or through a proxy, and with which TLS
/// options and limits. Pass one in `WebSocketInit.dispatcher`; the default is a shared `Agent()`.
public protocol Dispatcher: Sendable {
    /// TLS options for the target server.
    var tls: TLSOptions { get }
    /// Limits and timeouts.
    var limits: ConnectionLimits { get }
    /// The route to `host:port`; `secure` is true for `wss:`.
    func route(host: String, port: Int, secure: Bool) -> ConnectionRoute
}

/// The direct dispatcher: no proxy, with configurable TLS options and limits.
public struct Agent: Dispatcher, Hashable {
    /// TLS options for `wss:`.
    public var tls: TLSOptions
    /// Limits and timeouts.
    public var limits: ConnectionLimits

    /// Creates an agent.
    public init(tls: TLSOptions = TLSOptions(), limits: ConnectionLimits = ConnectionLimits()) {
        self.tls = tls
        self.limits = limits
    }

    /// Always `.direct`.
    public func route(host: String, port: Int, secure: Bool) -> ConnectionRoute { .direct }
}
