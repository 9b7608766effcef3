import WebSocketCore

/// Options for `WebSocketStream`: undici's `protocols`, plus the `headers` and `dispatcher` it lacks, compression,
/// a wire tap, and the receive high-water mark.
public struct WebSocketStreamOptions: Sendable {
    /// Subprotocols to offer, in preference order.
    public var protocols: [String]
    /// Extra handshake headers, as for `WebSocketInit.headers`.
    public var headers: [(name: String, value: String)]
    /// How to reach the server; `nil` means a default `Agent()`.
    public var dispatcher: (any Dispatcher)?
    /// The permessage-deflate offer; `nil` turns compression off.
    public var perMessageDeflate: PerMessageDeflateOffer?
    /// A wire tap attached before the connection starts.
    public var tap: WireTap?
    /// How many bytes of received messages may wait for the reader before the client stops reading the socket.
    /// Buffered bytes stay below this plus one message; reading resumes once the reader has drained half of it.
    public var highWaterMark: Int

    /// Creates options. The default high-water mark, 1 MiB, keeps a fast reader busy without holding much for a
    /// slow one.
    public init(
        protocols: [String] = [], headers: [(name: String, value: String)] = [], dispatcher: (any Dispatcher)? = nil,
        perMessageDeflate: PerMessageDeflateOffer? = PerMessageDeflateOffer(), tap: WireTap? = nil,
        highWaterMark: Int = 1 << 20
    ) {
        self.protocols = protocols
        self.headers = headers
        self.dispatcher = dispatcher
        self.perMessageDeflate = perMessageDeflate
        self.tap = tap
        self.highWaterMark = highWaterMark
    }
}
