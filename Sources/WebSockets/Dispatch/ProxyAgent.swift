/// A dispatcher that tunnels every connection through an HTTP or HTTPS proxy with `CONNECT`, as undici's
/// `ProxyAgent` does, but for `ws:` as well as `wss:` (undici forwards `ws:` unencrypted as a plain request).
///
/// ```swift
/// let agent = try ProxyAgent(uri: "http://user:secret@127.0.0.1:3128")
/// let ws = try WebSocket(url: "wss://example.com/chat", options: WebSocketInit(dispatcher: agent))
/// ```
///
/// For `https://` proxies the client speaks TLS to the proxy (verified with `proxyTLS`), then, for `wss:`, TLS to
/// the target inside the tunnel (verified with `tls`). Failures name the hop: "proxy 127.0.0.1:3128 answered 407
/// Proxy Authentication Required (Proxy-Authenticate: Basic realm="…")", "TLS to proxy …", "TLS to target …".
public struct ProxyAgent: Dispatcher, Hashable {
    /// The proxy.
    public var proxy: HTTPProxy
    /// TLS options for the target server (`wss:`), applied inside the tunnel.
    public var tls: TLSOptions
    /// Limits and timeouts; `handshakeTimeout` covers the tunnel too.
    public var limits: ConnectionLimits
    /// Hosts reached directly instead of through the proxy.
    public var noProxy: NoProxyList

    /// Creates an agent for the proxy at `uri` (`http://` or `https://`, user info for Basic auth).
    ///
    /// - Parameters:
    ///   - uri: The proxy, e.g. `http://127.0.0.1:3128` or `https://user:pass@proxy.local:8443`.
    ///   - token: A complete `Proxy-Authorization` value (`Bearer …`, `Basic …`); wins over the URI's user info.
    ///   - headers: Extra headers for the `CONNECT` request.
    ///   - proxyTLS: How an `https://` proxy's certificate is verified.
    ///   - tls: TLS options for the target.
    ///   - limits: Limits and timeouts.
    ///   - noProxy: Hosts to reach directly.
    /// - Throws: A `.syntax` `WebSocketAPIError` for a malformed URI, a scheme other than http/https, or a bad
    ///   header or token.
    public init(
        uri: String, token: String? = nil, headers: [(name: String, value: String)] = [],
        proxyTLS: TLSOptions = TLSOptions(), tls: TLSOptions = TLSOptions(), limits: ConnectionLimits = ConnectionLimits(),
        noProxy: NoProxyList = NoProxyList()
    ) throws(WebSocketAPIError) {
        let proxy = try HTTPProxy(uri: uri, token: token, headers: headers, tls: proxyTLS)
        self.init(proxy: proxy, tls: tls, limits: limits, noProxy: noProxy)
    }

    /// Creates an agent for an already parsed proxy.
    public init(
        proxy: HTTPProxy, tls: TLSOptions = TLSOptions(), limits: ConnectionLimits = ConnectionLimits(),
        noProxy: NoProxyList = NoProxyList()
    ) {
        self.proxy = proxy
        self.tls = tls
        self.limits = limits
        self.noProxy = noProxy
    }

    /// `.httpProxy` for every connection, `ws:` and `wss:` alike, unless `noProxy` matches the target.
    public func route(host: String, port: Int, secure: Bool) -> ConnectionRoute {
        noProxy.matches(host: host, port: port) ? .direct : .httpProxy(proxy)
    }
}
