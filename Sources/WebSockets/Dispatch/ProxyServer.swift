/// Any proxy this library can tunnel through, parsed from a URI by its scheme: what `--proxy URL` and the
/// `*_PROXY` environment variables hold.
public enum ProxyServer: Sendable, Hashable, CustomStringConvertible {
    /// `http://` or `https://`: an HTTP `CONNECT` tunnel.
    case http(HTTPProxy)
    /// `socks5://` or `socks5h://`.
    case socks5(Socks5Proxy)

    /// Parses `uri` by its scheme (`http`, `https`, `socks5`, `socks5h`; none means `http`). `token`, `headers`
    /// and `tls` apply to HTTP proxies only (see `HTTPProxy.init(uri:token:headers:tls:)`). Throws a `.syntax`
    /// error naming what is wrong.
    public init(
        uri: String, token: String? = nil, headers: [(name: String, value: String)] = [], tls: TLSOptions = TLSOptions()
    ) throws(WebSocketAPIError) {
        let parsed = try ProxyURI(uri, allowedSchemes: ["http", "https", "socks5", "socks5h"])
        switch parsed.scheme {
        case "socks5", "socks5h": self = .socks5(try Socks5Proxy(parsed: parsed))
        default: self = .http(try HTTPProxy(parsed: parsed, token: token, headers: headers, tls: tls))
        }
    }

    /// The route a connection through this proxy takes.
    public var route: ConnectionRoute {
        switch self {
        case .http(let proxy): return .httpProxy(proxy)
        case .socks5(let proxy): return .socks5Proxy(proxy)
        }
    }

    /// "proxy 127.0.0.1:3128", "https proxy …" or "SOCKS5 proxy …".
    public var description: String {
        switch self {
        case .http(let proxy): return proxy.description
        case .socks5(let proxy): return proxy.description
        }
    }

    /// A dispatcher that sends every connection (except those `noProxy` matches) through this proxy: a
    /// `ProxyAgent` or a `Socks5ProxyAgent`. This is what `--proxy URL` builds.
    public func agent(
        tls: TLSOptions = TLSOptions(), limits: ConnectionLimits = ConnectionLimits(), noProxy: NoProxyList = NoProxyList()
    ) -> any Dispatcher {
        switch self {
        case .http(let proxy): return ProxyAgent(proxy: proxy, tls: tls, limits: limits, noProxy: noProxy)
        case .socks5(let proxy): return Socks5ProxyAgent(proxy: proxy, tls: tls, limits: limits, noProxy: noProxy)
        }
    }
}
