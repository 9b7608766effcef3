/// Limits and timeouts a dispatcher applies to each WebSocket it opens.
public struct ConnectionLimits: Sendable, Hashable {
    /// The largest message accepted (all fragments together); larger closes with 1009. Default 128 MiB.
    public var maxPayloadSize: UInt64
    /// The most fragments one message may have; more closes with 1008. Default 131072.
    public var maxFragments: Int
    /// How long TCP connect may take (each address tried). Default 10 s.
    public var connectTimeout: Duration
    /// How long the whole opening (connect, TLS, proxy, HTTP upgrade) may take. Default 30 s.
    public var handshakeTimeout: Duration
    /// How long to wait for the closing handshake and the server's TCP close before dropping the connection.
    /// Default 5 s; a close that times out is reported as 1006.
    public var closeTimeout: Duration

    /// Creates limits; every default matches undici's or RFC 6455's advice.
    public init(
        maxPayloadSize: UInt64 = 128 << 20, maxFragments: Int = 131_072, connectTimeout: Duration = .seconds(10),
        handshakeTimeout: Duration = .seconds(30), closeTimeout: Duration = .seconds(5)
    ) {
        self.maxPayloadSize = maxPayloadSize
        self.maxFragments = maxFragments
        self.connectTimeout = connectTimeout
        self.handshakeTimeout = handshakeTimeout
        self.closeTimeout = closeTimeout
    }
}
