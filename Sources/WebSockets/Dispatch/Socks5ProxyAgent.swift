/// A dispatcher that sends every connection through a SOCKS5 proxy (RFC 1928), with username/password
/// authentication (RFC 1929) when the URI has user info.
///
/// `socks5://` resolves the target's name here and sends the address (IPv4 preferred); `socks5h://` sends the
/// name and lets the proxy resolve it. Failures name the hop and the SOCKS reply: "SOCKS5 proxy 127.0.0.1:1080:
/// connection refused by destination host (reply 0x05)".
public struct Socks5ProxyAgent: Dispatcher, Hashable {
    /// The proxy.
    public var proxy: Socks5Proxy
    /// TLS options for the target server (`wss:`), applied inside the tunnel.
    public var tls: TLSOptions
    /// Limits and timeouts; `handshakeTimeout` covers the SOCKS exchange too.
    public var limits: ConnectionLimits
    /// Hosts reached directly instead of through the proxy.
    public var noProxy: NoProxyList

    /// Creates an agent for the proxy at `uri` (`socks5://[user:pass@]host[:port]` or `socks5h://…`; the port
    /// defaults to 1080).
    ///
    /// - Throws: A `.syntax` `WebSocketAPIError` for a malformed URI, another scheme, or over-long credentials.
    public init(
        uri: String, tls: TLSOptions = TLSOptions(), limits: ConnectionLimits = ConnectionLimits(),
        noProxy: NoProxyList = NoProxyList()
    ) throws(WebSocketAPIError) {
        self.init(proxy: try Socks5Proxy(uri: uri), tls: tls, limits: limits, noProxy: noProxy)
    }

    /// Creates an agent for an already parsed proxy.
    public init(
        proxy: Socks5Proxy, tls: TLSOptions = TLSOptions(), limits: ConnectionLimits = ConnectionLimits(),
        noProxy: NoProxyList = NoProxyList()
    ) {
        self.proxy = proxy
        self.tls = tls
        self.limits = limits
        self.noProxy = noProxy
    }

    /// `.socks5Proxy` for every connection unless `noProxy` matches the target.
    public func route(host: String, port: Int, secure: Bool) -> ConnectionRoute {
        noProxy.matches(host: host, port: port) ? .direct : .socks5Proxy(proxy)
    }
}
