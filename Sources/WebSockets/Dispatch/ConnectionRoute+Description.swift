extension ConnectionRoute: CustomStringConvertible {
    /// The route as a status line shows it: "direct", "via proxy 127.0.0.1:3128", "via https proxy …",
    /// "via SOCKS5 proxy …" (with "(proxy resolves names)" for `socks5h://`).
    public var description: String {
        switch self {
        case .direct: return "direct"
        case .httpProxy(let proxy): return "via \(proxy)"
        case .socks5Proxy(let proxy): return "via \(proxy)" + (proxy.resolvesLocally ? "" : " (proxy resolves names)")
        }
    }
}
