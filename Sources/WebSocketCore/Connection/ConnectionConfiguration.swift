/// Limits and options of a connection state machine.
public struct ConnectionConfiguration: Sendable, Hashable {
    /// Which side this connection speaks for.
    public var role: Role
    /// The largest message (all fragments together) accepted; larger is a 1009.
    public var maxPayloadSize: UInt64
    /// The most fragments one message may have; more is a 1008.
    public var maxFragments: Int
    /// Whether received frames are reported with their exact wire bytes (`ConnectionEvent.frameReceived`).
    public var capturesWireBytes: Bool
    /// The negotiated permessage-deflate parameters, or `nil` when the extension is not in use.
    public var deflate: NegotiatedDeflate?
    /// Whether text messages are reported as `String`s (`Message.text`). When false they are reported as their
    /// validated UTF-8 bytes (`Message.utf8Text`), for a consumer that makes the string on another thread.
    public var decodesText = true

    /// Creates a configuration; the defaults are undici's (128 MiB, 131072 fragments).
    public init(
        role: Role, maxPayloadSize: UInt64 = 128 << 20, maxFragments: Int = 131_072, capturesWireBytes: Bool = false,
        deflate: NegotiatedDeflate? = nil
    ) {
        self.role = role
        self.maxPayloadSize = maxPayloadSize
        self.maxFragments = maxFragments
        self.capturesWireBytes = capturesWireBytes
        self.deflate = deflate
    }
}
