import NIOCore
import NIOSSL

/// How one connection reaches its server: which address TCP connects to, and which handlers go into the pipeline
/// in front of the WebSocket handler (TLS, proxy tunnels).
///
/// The WebSocket handler writes its upgrade request on `channelActive`; a handler placed in front that needs to
/// talk first (a proxy tunnel) holds `channelActive` back until the tunnel is up, then fires it.
struct ConnectionPlan {
    /// The address TCP connects to: the server itself, or the proxy.
    let connectHost: String
    /// The port TCP connects to.
    let connectPort: Int
    /// Adds the handlers that go before the WebSocket handler; runs on the channel's event loop.
    let installHandlers: @Sendable (any Channel) throws -> Void
    /// A short description of the route for status lines, e.g. "direct" or "via proxy 127.0.0.1:3128".
    let routeDescription: String

    /// Builds the plan for `url` through `dispatcher`; throws a `WebSocketError` for a TLS configuration that
    /// cannot be loaded.
    static func make(for url: WebSocketURL, dispatcher: any Dispatcher, tap: WireTap?) throws(WebSocketError) -> ConnectionPlan {
        let targetTLS = try url.secure ? TLSContextCache.context(for: dispatcher.tls) : nil
        let serverName = dispatcher.tls.serverName ?? (isIPLiteral(url.host) ? nil : url.host)
        let route = dispatcher.route(host: url.host, port: url.port, secure: url.secure)
        let description = route.description
        switch route {
        case .direct:
            return ConnectionPlan(
                connectHost: url.host, connectPort: url.port,
                installHandlers: { channel in
                    if let targetTLS {
                        let tls = try NIOSSLClientHandler(context: targetTLS, serverHostname: serverName)
                        try channel.pipeline.syncOperations.addHandler(tls)
                    }
                },
                routeDescription: description)
        case .httpProxy(let proxy):
            // TLS to an https:// proxy goes in front of the tunnel handler; the target's TLS (for wss:) is added
            // behind it once the tunnel is up.
            let proxyTLS = try proxy.secure ? proxyTLSContext(proxy.tls, proxy: proxy.description) : nil
            let proxyServerName = proxy.tls.serverName ?? (isIPLiteral(proxy.host) ? nil : proxy.host)
            let target = try tunnelTarget(url, dispatcher: dispatcher, tls: targetTLS, serverName: serverName, proxy: proxy.description)
            return ConnectionPlan(
                connectHost: proxy.host, connectPort: proxy.port,
                installHandlers: { channel in
                    let operations = channel.pipeline.syncOperations
                    if let proxyTLS {
                        try operations.addHandler(NIOSSLClientHandler(context: proxyTLS, serverHostname: proxyServerName))
                    }
                    try operations.addHandler(HTTPConnectTunnelHandler(proxy: proxy, target: target, tap: tap))
                },
                routeDescription: description)
        case .socks5Proxy(let proxy):
            let target = try tunnelTarget(url, dispatcher: dispatcher, tls: targetTLS, serverName: serverName, proxy: proxy.description)
            return ConnectionPlan(
                connectHost: proxy.host, connectPort: proxy.port,
                installHandlers: { channel in
                    try channel.pipeline.syncOperations.addHandler(Socks5ClientHandler(proxy: proxy, target: target, tap: tap))
                },
                routeDescription: description)
        }
    }

    /// The route `dispatcher` picks for `url`, described (see `ConnectionRoute.description`).
    static func routeDescription(for url: WebSocketURL, dispatcher: any Dispatcher) -> String {
        dispatcher.route(host: url.host, port: url.port, secure: url.secure).description
    }

    /// The far end of a tunnel. An IP-literal `wss:` host without a server-name override gets a context without
    /// NIOSSL's name check (which would compare against the proxy's address) and an address to verify instead.
    private static func tunnelTarget(
        _ url: WebSocketURL, dispatcher: any Dispatcher, tls: NIOSSLContext?, serverName: String?, proxy: String
    ) throws(WebSocketError) -> TunnelTarget {
        var tls = tls
        var verifyAddress: [UInt8]?
        if tls != nil, serverName == nil, !dispatcher.tls.insecure, let address = IPAddressBytes.parse(url.host) {
            tls = try TunnelTLSContexts.withoutNameCheck(dispatcher.tls)
            verifyAddress = address
        }
        return TunnelTarget(
            host: url.host, port: url.port, tls: tls, serverName: serverName, proxyDescription: proxy,
            verifyAddress: verifyAddress, hasClientCertificate: dispatcher.tls.certificateFile != nil)
    }

    /// The TLS context for an https:// proxy; a file that cannot be loaded is reported as the proxy's.
    private static func proxyTLSContext(_ options: TLSOptions, proxy: String) throws(WebSocketError) -> NIOSSLContext {
        do {
            return try TLSContextCache.context(for: options)
        } catch {
            let detail = error.message.hasPrefix("TLS: ") ? String(error.message.dropFirst(5)) : error.message
            throw WebSocketError(.tls, "TLS to \(proxy): \(detail)")
        }
    }

    /// Whether `host` is an IPv4 or IPv6 literal, which TLS must not send as SNI.
    static func isIPLiteral(_ host: String) -> Bool {
        host.contains(":") || (host.split(separator: ".").count == 4 && host.allSatisfy { $0.isNumber || $0 == "." })
    }
}
