/// One complete frame: its header, its payload with any mask removed, and optionally its exact wire bytes.
public struct Frame: Sendable, Hashable {
    /// The decoded header.
    public var header: FrameHeader
    /// The payload, unmasked.
    public var payload: [UInt8]
    /// For a frame of a permessage-deflate compressed message, what its payload inflated to (the wire payload
    /// stays in `payload`); `nil` for uncompressed frames.
    public var inflatedPayload: [UInt8]?
    /// What is kept of the wire bytes: nothing, the header alone (the parser's and encoder's choice: the payload
    /// is already here, so only the header needs keeping), or bytes given to ``init(header:payload:wireBytes:inflatedPayload:)``.
    /// Internal rather than private: ``PackedFrames`` stores it as it is.
    var wire: WireCapture?

    enum WireCapture: Sendable, Hashable {
        case header(WireHeaderBytes)
        case bytes([UInt8])
    }

    /// Creates a frame.
    public init(header: FrameHeader, payload: [UInt8], wireBytes: [UInt8]? = nil, inflatedPayload: [UInt8]? = nil) {
        self.header = header
        self.payload = payload
        self.wire = wireBytes.map(WireCapture.bytes)
        self.inflatedPayload = inflatedPayload
    }

    /// Creates a frame whose wire bytes are `headerBytes` followed by the payload, masked if the header says so.
    init(header: FrameHeader, payload: [UInt8], headerBytes: WireHeaderBytes?, inflatedPayload: [UInt8]? = nil) {
        self.header = header
        self.payload = payload
        self.wire = headerBytes.map(WireCapture.header)
        self.inflatedPayload = inflatedPayload
    }

    /// Header and payload exactly as they crossed the wire (masked, if the frame was), when the parser or
    /// encoder was asked to keep them; `nil` otherwise, so that nobody pays for a copy no one looks at.
    public var wireBytes: [UInt8]? {
        get {
            switch wire {
            case .header(let headerBytes): return headerBytes.wireBytes(payload: payload, maskingKey: header.maskingKey)
            case .bytes(let bytes): return bytes
            case nil: return nil
            }
        }
        set { wire = newValue.map(WireCapture.bytes) }
    }

    /// The number of wire bytes, without building them.
    public var wireByteCount: Int? {
        switch wire {
        case .header(let headerBytes): return headerBytes.count + payload.count
        case .bytes(let bytes): return bytes.count
        case nil: return nil
        }
    }

    /// The wire bytes when they were captured whole (given to ``init(header:payload:wireBytes:inflatedPayload:)``),
    /// without copying them; `nil` when only the header or nothing was kept.
    package var wholeWireBytes: [UInt8]? {
        if case .bytes(let bytes) = wire { return bytes }
        return nil
    }

    /// The header's wire bytes when only they were captured (the wire payload is then the payload, masked if the
    /// header says so). With ``wholeWireBytes`` this lets the inspector dump a screenful of a large frame without
    /// building all its wire bytes for every redraw.
    package var capturedHeaderBytes: [UInt8]? {
        if case .header(let headerBytes) = wire { return headerBytes.bytes }
        return nil
    }

    /// Frames are equal when header, payload, inflated payload and wire bytes are, however the wire bytes are kept.
    public static func == (lhs: Frame, rhs: Frame) -> Bool {
        lhs.header == rhs.header && lhs.payload == rhs.payload && lhs.inflatedPayload == rhs.inflatedPayload
            && lhs.wireBytes == rhs.wireBytes
    }

    /// Hashes what `==` compares, except the wire bytes (equal frames still hash equally).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(header)
        hasher.combine(payload)
        hasher.combine(inflatedPayload)
    }
}
