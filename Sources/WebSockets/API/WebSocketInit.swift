import WebSocketCore

/// Options for `WebSocket` beyond the URL, as undici's `WebSocketInit` (`protocols`, `headers`, `dispatcher`) plus
/// what undici leaves out.
public struct WebSocketInit: Sendable {
    /// Subprotocols to offer, in preference order.
    public var protocols: [String]
    /// Extra handshake headers, sent in this order before the WebSocket headers. `Host` replaces the default;
    /// the WebSocket headers themselves (`Sec-WebSocket-Key`, …) cannot be set here.
    public var headers: [(name: String, value: String)]
    /// How to reach the server; `nil` means a default `Agent()`.
    public var dispatcher: (any Dispatcher)?
    /// How binary messages are delivered.
    public var binaryType: BinaryType
    /// A wire tap attached before the connection starts, so it sees the handshake too.
    public var tap: WireTap?
    /// The permessage-deflate offer (RFC 7692); `nil` turns compression off. On by default, offering
    /// `client_max_window_bits` as undici does; unlike undici, what we send is compressed too.
    public var perMessageDeflate: PerMessageDeflateOffer?

    /// Creates options.
    public init(
        protocols: [String] = [], headers: [(name: String, value: String)] = [], dispatcher: (any Dispatcher)? = nil,
        binaryType: BinaryType = .data, tap: WireTap? = nil,
        perMessageDeflate: PerMessageDeflateOffer? = PerMessageDeflateOffer()
    ) {
        self.perMessageDeflate = perMessageDeflate
        self.protocols = protocols
        self.headers = headers
        self.dispatcher = dispatcher
        self.binaryType = binaryType
        self.tap = tap
    }
}
