import Logging
import NIOCore
import NIOSSL
import WebSocketCore

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
        let identity = TLSIdentity(host: url.host, serverName: dispatcher.tls.serverName)
        let route = dispatcher.route(host: url.host, port: url.port, secure: url.secure)
        let description = route.description
        let logger = LibraryLog.make()
        logger.trace("route to \(url.serialized): \(description)")
        switch route {
        case .direct:
            let hop = HostPort.address(host: url.host, port: url.port)
            logger.debug("TCP to \(hop)\(targetTLS == nil ? "" : ", then TLS")")
            return ConnectionPlan(
                connectHost: url.host, connectPort: url.port,
                installHandlers: { channel in
                    if let targetTLS {
                        try addTLS(
                            targetTLS, identity: identity, verify: !dispatcher.tls.insecure, hop: hop, to: channel.pipeline.syncOperations)
                    }
                },
                routeDescription: description)
        case .httpProxy(let proxy):
            // TLS to an https:// proxy goes in front of the tunnel handler; the target's TLS (for wss:) is added
            // behind it once the tunnel is up.
            let proxyTLS = try proxy.secure ? proxyTLSContext(proxy.tls, proxy: proxy.description) : nil
            let proxyIdentity = TLSIdentity(host: proxy.host, serverName: proxy.tls.serverName)
            let target = tunnelTarget(url, dispatcher: dispatcher, tls: targetTLS, identity: identity, proxy: proxy.description)
            logger.debug("TCP to \(proxy)\(proxyTLS == nil ? "" : ", then TLS to it"), then CONNECT \(target.address)")
            return ConnectionPlan(
                connectHost: proxy.host, connectPort: proxy.port,
                installHandlers: { channel in
                    let operations = channel.pipeline.syncOperations
                    if let proxyTLS {
                        try addTLS(proxyTLS, identity: proxyIdentity, verify: !proxy.tls.insecure, hop: proxy.description, to: operations)
                    }
                    try operations.addHandler(HTTPConnectTunnelHandler(proxy: proxy, target: target, tap: tap))
                },
                routeDescription: description)
        case .socks5Proxy(let proxy):
            let target = tunnelTarget(url, dispatcher: dispatcher, tls: targetTLS, identity: identity, proxy: proxy.description)
            logger.debug("TCP to \(proxy), then a tunnel to \(target.address)")
            return ConnectionPlan(
                connectHost: proxy.host, connectPort: proxy.port,
                installHandlers: { channel in
                    try channel.pipeline.syncOperations.addHandler(Socks5ClientHandler(proxy: proxy, target: target, tap: tap))
                },
                routeDescription: description)
        }
    }

    /// Adds TLS for one hop at the end of the pipeline (or right after `handler`): NIOSSL's handler (chain
    /// checked, name check off), then the verifier that holds the connection until the handshake is done and,
    /// unless verification is off, checks that the certificate names `identity`.
    static func addTLS(
        _ context: NIOSSLContext, identity: TLSIdentity, verify: Bool, hop: String,
        to operations: ChannelPipeline.SynchronousOperations, after handler: (any ChannelHandler)? = nil
    ) throws {
        let tls = try NIOSSLClientHandler(context: context, serverHostname: identity.serverNameIndication)
        let verifier = TLSIdentityVerifier(identity: verify ? identity : nil, hop: hop)
        if let handler {
            // Each goes right after `handler`, so the later one added ends up first: TLS, then the verifier.
            try operations.addHandler(verifier, position: .after(handler))
            try operations.addHandler(tls, position: .after(handler))
        } else {
            try operations.addHandlers([tls, verifier])
        }
    }

    /// The route `dispatcher` picks for `url`, described (see `ConnectionRoute.description`).
    static func routeDescription(for url: WebSocketURL, dispatcher: any Dispatcher) -> String {
        dispatcher.route(host: url.host, port: url.port, secure: url.secure).description
    }

    /// The far end of a tunnel: the URL's host and the identity its certificate must prove.
    private static func tunnelTarget(
        _ url: WebSocketURL, dispatcher: any Dispatcher, tls: NIOSSLContext?, identity: TLSIdentity, proxy: String
    ) -> TunnelTarget {
        TunnelTarget(
            host: url.host, port: url.port, tls: tls, identity: identity, verifiesIdentity: !dispatcher.tls.insecure,
            proxyDescription: proxy, hasClientCertificate: dispatcher.tls.certificateFile != nil)
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
}
