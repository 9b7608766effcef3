/// A complete data message.
public enum Message: Sendable, Hashable {
    /// A text message, already checked to be valid UTF-8.
    case text(String)
    /// A binary message.
    case binary([UInt8])
    /// A text message as its UTF-8 bytes, already checked to be valid; reported instead of `text` when the
    /// configuration's `decodesText` is false.
    case utf8Text([UInt8])
}

/// What the connection state machine reports after reading bytes.
public enum ConnectionEvent: Sendable, Hashable {
    /// A complete frame as received, in wire order; reported only when wire bytes are being captured.
    case frameReceived(Frame)
    /// A complete message.
    case message(Message)
    /// A ping arrived (the pong has already been queued).
    case ping([UInt8])
    /// A pong arrived.
    case pong([UInt8])
    /// The peer's Close frame: its code (nil when it carried none) and reason.
    case closeReceived(code: UInt16?, reason: String)
    /// The peer broke a rule; a Close frame with the violation's code has been queued if one could still be sent.
    case failed(ProtocolViolation)
}

/// A frame waiting to be written: its header (with the masking key, for a client) and its unmasked payload.
public struct OutboundFrame: Sendable, Hashable {
    /// The header to write.
    public var header: FrameHeader
    /// The payload before masking.
    public var payload: [UInt8]

    /// Creates a frame to write.
    public init(header: FrameHeader, payload: [UInt8]) {
        self.header = header
        self.payload = payload
    }

    /// The frame's wire bytes.
    public func encoded() -> [UInt8] { FrameEncoder.encode(header, payload: payload) }
}
