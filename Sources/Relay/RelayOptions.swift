import WebSocketCore
import WebSocketServer
import WebSockets

/// How a relay listens and how it reaches the upstream.
package struct RelayOptions: Sendable {
    /// The address to accept clients on (loopback by default: a relay is a debugging tool, not a gateway).
    package var listenHost: String
    /// The port to accept clients on; 0 picks a free one.
    package var listenPort: Int
    /// The certificate and key clients see when the listener speaks `wss://`; `nil` listens with plain `ws://`.
    package var listenTLS: ListenerTLS?
    /// The upstream's URL; each client's path and query are appended to it unless `exactUpstream`.
    package var upstream: String
    /// Connect every client to `upstream` exactly, ignoring the path and query it asked for.
    package var exactUpstream: Bool
    /// Headers added to every upstream handshake; they replace client headers of the same name (`-H`, `--origin`).
    package var extraHeaders: [(name: String, value: String)]
    /// How the upstream is reached (proxy, TLS); `nil` is a default `Agent()`.
    package var dispatcher: (any Dispatcher)?
    /// The permessage-deflate offer made to the upstream; `nil` offers none.
    package var upstreamDeflate: PerMessageDeflateOffer?
    /// How the clients' own deflate offers are answered; `nil` declines them.
    package var clientDeflate: PerMessageDeflateServerPolicy?
    /// How many bytes of messages may wait in each direction before the relay stops reading from the sending side.
    package var bufferLimit: Int
    /// Send every message on in one frame (`--whole-messages`) instead of in frames of the sizes it arrived in.
    package var wholeMessages: Bool

    /// The default bound on what waits in one direction: 1 MiB, the library's default receive high-water mark.
    package static let defaultBufferLimit = 1 << 20

    /// Creates options with both legs offering and accepting deflate and the default buffer bound.
    package init(
        listenHost: String = "127.0.0.1", listenPort: Int = 0, listenTLS: ListenerTLS? = nil, upstream: String, exactUpstream: Bool = false,
        extraHeaders: [(name: String, value: String)] = [], dispatcher: (any Dispatcher)? = nil,
        upstreamDeflate: PerMessageDeflateOffer? = PerMessageDeflateOffer(),
        clientDeflate: PerMessageDeflateServerPolicy? = PerMessageDeflateServerPolicy(),
        bufferLimit: Int = RelayOptions.defaultBufferLimit, wholeMessages: Bool = false
    ) {
        self.listenHost = listenHost
        self.listenPort = listenPort
        self.listenTLS = listenTLS
        self.upstream = upstream
        self.exactUpstream = exactUpstream
        self.extraHeaders = extraHeaders
        self.dispatcher = dispatcher
        self.upstreamDeflate = upstreamDeflate
        self.clientDeflate = clientDeflate
        self.bufferLimit = bufferLimit
        self.wholeMessages = wholeMessages
    }
}
