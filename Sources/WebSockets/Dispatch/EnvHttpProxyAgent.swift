import Foundation

/// A dispatcher that picks its proxy from the environment the way curl does, as undici's `EnvHttpProxyAgent`.
///
/// - `ws:` uses `http_proxy` (lower-case only, as curl: see "httpoxy"); `wss:` uses `https_proxy` /
///   `HTTPS_PROXY`; either falls back to `all_proxy` / `ALL_PROXY`. Values may be `http://`, `https://`, `socks5://` or `socks5h://` URIs, or a bare
///   `host:port` (read as `http://`).
/// - `no_proxy` / `NO_PROXY` lists the hosts reached directly (see `NoProxyList` for the matching rules).
/// - The lower-case variable wins over the upper-case one; an empty value counts as unset (as curl's
///   `curl_getenv` does).
public struct EnvHttpProxyAgent: Dispatcher, Hashable {
    /// The proxy for `ws:`, or nil to connect directly.
    public let httpProxy: ProxyServer?
    /// The proxy for `wss:`, or nil to connect directly.
    public let httpsProxy: ProxyServer?
    /// Hosts reached directly.
    public let noProxy: NoProxyList
    /// TLS options for the target server.
    public var tls: TLSOptions
    /// Limits and timeouts.
    public var limits: ConnectionLimits

    /// Reads the proxy settings from `environment` (the process environment by default).
    ///
    /// - Parameters:
    ///   - environment: The variables to read; inject a dictionary in tests.
    ///   - noProxy: When non-nil, used instead of `NO_PROXY` (e.g. a `--no-proxy LIST` flag).
    ///   - headers: Extra headers for `CONNECT` requests to HTTP proxies (e.g. `--proxy-header`).
    ///   - proxyTLS: How `https://` proxies are verified.
    ///   - tls: TLS options for the target.
    ///   - limits: Limits and timeouts.
    /// - Throws: A `.syntax` `WebSocketAPIError` naming the variable whose value is not a valid proxy URI.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment, noProxy: String? = nil,
        headers: [(name: String, value: String)] = [], proxyTLS: TLSOptions = TLSOptions(),
        tls: TLSOptions = TLSOptions(), limits: ConnectionLimits = ConnectionLimits()
    ) throws(WebSocketAPIError) {
        func lookup(_ name: String) -> (name: String, value: String)? {
            // Only the lower-case http_proxy counts: a CGI server puts a client's `Proxy:` header in HTTP_PROXY
            // ("httpoxy"), so curl ignores the upper-case form, and so does this.
            let candidates = name == "http_proxy" ? [name] : [name.lowercased(), name.uppercased()]
            for candidate in candidates {
                if let value = environment[candidate]?.trimmingCharacters(in: .whitespaces), !value.isEmpty {
                    return (candidate, value)
                }
            }
            return nil
        }
        func proxy(_ name: String) throws(WebSocketAPIError) -> ProxyServer? {
            guard let found = lookup(name) ?? lookup("all_proxy") else { return nil }
            do {
                return try ProxyServer(uri: found.value, headers: headers, tls: proxyTLS)
            } catch {
                throw WebSocketAPIError(.syntax, "\(found.name): \(error.message)")
            }
        }
        self.httpProxy = try proxy("http_proxy")
        self.httpsProxy = try proxy("https_proxy")
        self.noProxy = NoProxyList(noProxy ?? lookup("no_proxy")?.value ?? "")
        self.tls = tls
        self.limits = limits
    }

    /// The proxy for the scheme (`httpsProxy` when `secure`), unless `noProxy` matches `host:port` or no proxy
    /// is set; then `.direct`.
    public func route(host: String, port: Int, secure: Bool) -> ConnectionRoute {
        guard let proxy = secure ? httpsProxy : httpProxy, !noProxy.matches(host: host, port: port) else {
            return .direct
        }
        return proxy.route
    }
}
