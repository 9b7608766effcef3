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
        switch dispatcher.route(host: url.host, port: url.port, secure: url.secure) {
        case .direct:
            return ConnectionPlan(
                connectHost: url.host, connectPort: url.port,
                installHandlers: { channel in
                    if let targetTLS {
                        let tls = try NIOSSLClientHandler(context: targetTLS, serverHostname: serverName)
                        try channel.pipeline.syncOperations.addHandler(tls)
                    }
                },
                routeDescription: "direct")
        }
    }

    /// Whether `host` is an IPv4 or IPv6 literal, which TLS must not send as SNI.
    static func isIPLiteral(_ host: String) -> Bool {
        host.contains(":") || (host.split(separator: ".").count == 4 && host.allSatisfy { $0.isNumber || $0 == "." })
    }
}
