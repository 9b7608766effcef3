/// One complete frame: its header, its payload with any mask removed, and optionally its exact wire bytes.
public struct Frame: Sendable, Hashable {
    /// The decoded header.
    public var header: FrameHeader
    /// The payload, unmasked.
    public var payload: [UInt8]
    /// Header and payload exactly as they crossed the wire (masked, if the frame was), when the parser or
    /// encoder was asked to keep them; `nil` otherwise, so that nobody pays for a copy no one looks at.
    public var wireBytes: [UInt8]?
    /// For a frame of a permessage-deflate compressed message, what its payload inflated to (the wire payload
    /// stays in `payload`); `nil` for uncompressed frames.
    public var inflatedPayload: [UInt8]?

    /// Creates a frame.
    public init(header: FrameHeader, payload: [UInt8], wireBytes: [UInt8]? = nil, inflatedPayload: [UInt8]? = nil) {
        self.header = header
        self.payload = payload
        self.wireBytes = wireBytes
        self.inflatedPayload = inflatedPayload
    }
}
