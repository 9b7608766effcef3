import Foundation
import Inspector
import WebSockets

/// Everything needed to open (and reopen) the inspected connection, as the command line gave it.
package struct SessionOptions: Sendable {
    /// The URL to connect to.
    package var url: String
    /// Subprotocols to offer, in preference order.
    package var protocols: [String]
    /// Extra handshake headers (including `Origin` when `--origin` is given), in the order given.
    package var headers: [(name: String, value: String)]
    /// How `wss:` connections verify certificates.
    package var tls: TLSOptions
    /// How long the whole opening (TCP, TLS, proxy and the WebSocket handshake together) may take; `nil` keeps
    /// the library's defaults (10 s for TCP, 30 s in all).
    package var connectTimeout: Duration?
    /// How often to send a keepalive ping while open; `nil` sends none.
    package var pingInterval: Duration?
    /// An explicit proxy (`http://`, `https://`, `socks5://`, `socks5h://`); `nil` honours the environment.
    package var proxy: String?
    /// Ignore proxies entirely, including `http_proxy`, `HTTPS_PROXY` and `ALL_PROXY`.
    package var noProxy: Bool
    /// Extra headers for the proxy's CONNECT request.
    package var proxyHeaders: [(name: String, value: String)]
    /// How an `https://` proxy's own certificate is verified (curl's `--proxy-cacert`, `--proxy-insecure`);
    /// separate from `tls`, which is for the server, as in curl.
    package var proxyTLS: TLSOptions
    /// Offer permessage-deflate.
    package var deflate: Bool
    /// The largest message accepted, all fragments inflated; larger closes with 1009. `nil` keeps the library's
    /// 128 MiB.
    package var maxMessageSize: UInt64? = nil
    /// When set, payloads longer than this are cut on the connection's thread, before they are queued for the UI
    /// (see ``RecordTrim``); `nil` queues them whole (`--record` does, to write every byte).
    package var maxRecordBytes: Int? = nil
    /// Reconnect by itself after an end the user did not ask for (`--reconnect`), with these delays; `nil`
    /// reconnects only when asked (`/reconnect`, `R`).
    package var reconnect: ReconnectBackoff? = nil
    /// What to send after every successful connect (`--on-open FILE`).
    package var onOpen: OnOpenScript? = nil

    /// Creates options.
    package init(
        url: String, protocols: [String] = [], headers: [(name: String, value: String)] = [],
        tls: TLSOptions = TLSOptions(), connectTimeout: Duration? = nil, pingInterval: Duration? = nil,
        proxy: String? = nil, noProxy: Bool = false, proxyHeaders: [(name: String, value: String)] = [],
        proxyTLS: TLSOptions = TLSOptions(), deflate: Bool = true
    ) {
        self.proxyTLS = proxyTLS
        self.proxy = proxy
        self.noProxy = noProxy
        self.proxyHeaders = proxyHeaders
        self.deflate = deflate
        self.url = url
        self.protocols = protocols
        self.headers = headers
        self.tls = tls
        self.connectTimeout = connectTimeout
        self.pingInterval = pingInterval
    }

    /// The dispatcher these options describe: direct with `--no-proxy`, through `--proxy`, or as the proxy
    /// environment variables say (curl's rules). Throws for a proxy URL the client cannot use.
    package func dispatcher() throws(WebSocketAPIError) -> any Dispatcher {
        var limits = ConnectionLimits()
        if let maxMessageSize { limits.maxPayloadSize = maxMessageSize }
        if let connectTimeout {
            // A server that accepts and never answers must not outlast the flag: it bounds the handshake too.
            limits.connectTimeout = connectTimeout
            limits.handshakeTimeout = connectTimeout
        }
        if noProxy { return Agent(tls: tls, limits: limits) }
        if let proxy {
            return try ProxyServer(uri: proxy, headers: proxyHeaders, tls: proxyTLS).agent(tls: tls, limits: limits)
        }
        return try EnvHttpProxyAgent(headers: proxyHeaders, proxyTLS: proxyTLS, tls: tls, limits: limits)
    }
}
