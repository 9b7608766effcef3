/// Sending: data frames (whole, compressed, or as a header the caller encodes around its own buffer), pings, the
/// Close that starts the closing handshake, and the queue of frames the caller writes.
extension WebSocketConnection {
    /// Queues a text message; returns `false` (and queues nothing) once closing has started.
    @discardableResult
    public mutating func sendText(_ text: String) -> Bool { send(.text, payload: Array(text.utf8)) }

    /// Queues a binary message; returns `false` once closing has started.
    @discardableResult
    public mutating func sendBinary(_ bytes: [UInt8]) -> Bool { send(.binary, payload: bytes) }

    /// Queues a data frame with any opcode, for callers that build fragments themselves. A whole message
    /// (`fin` on a text or binary frame) is compressed when permessage-deflate is in use and it is large enough.
    @discardableResult
    public mutating func send(_ opcode: Opcode, payload: [UInt8], fin: Bool = true) -> Bool {
        if fin, let compressed = payload.withUnsafeBytes({ compressedFrameForSending(opcode, payload: $0) }) {
            outbound.append(compressed)
            return true
        }
        guard var header = headerForSending(opcode, payloadLength: payload.count) else { return false }
        header.fin = fin
        outbound.append(OutboundFrame(header: header, payload: payload))
        return true
    }

    /// The compressed frame for a whole message, or `nil` when it goes uncompressed: permessage-deflate not in
    /// use, the message under the compression threshold, not a data opcode, or closing already started.
    public mutating func compressedFrameForSending(_ opcode: Opcode, payload: UnsafeRawBufferPointer) -> OutboundFrame? {
        guard let deflater, let deflate = configuration.deflate, state == .open,
            opcode == .text || opcode == .binary, payload.count >= deflate.compressionThreshold
        else { return nil }
        let compressed = deflater.compress(payload)
        if ourResetsContext { deflater.reset() }
        guard var header = headerForSending(opcode, payloadLength: compressed.count) else { return nil }
        header.rsv1 = true
        return OutboundFrame(header: header, payload: compressed)
    }

    /// Whether the peer resets its compressor after each message, so our inflater must too.
    var peerResetsContext: Bool {
        guard let deflate = configuration.deflate else { return false }
        return configuration.role == .client ? deflate.serverNoContextTakeover : deflate.clientNoContextTakeover
    }

    /// Whether we reset our compressor after each message.
    var ourResetsContext: Bool {
        guard let deflate = configuration.deflate else { return false }
        return configuration.role == .client ? deflate.clientNoContextTakeover : deflate.serverNoContextTakeover
    }

    /// The header for a data frame the caller will encode itself (straight into its own buffer, avoiding a copy),
    /// or `nil` once closing has started and data may no longer be sent.
    public mutating func headerForSending(_ opcode: Opcode, payloadLength: Int) -> FrameHeader? {
        guard state == .open else { return nil }
        let key = configuration.role == .client ? keys.next() : nil
        return FrameHeader(opcode: opcode, maskingKey: key, payloadLength: UInt64(payloadLength))
    }

    /// Queues a ping; `payload` must be at most 125 bytes. Returns `false` once closing has started.
    @discardableResult
    public mutating func sendPing(_ payload: [UInt8] = []) -> Bool {
        precondition(payload.count <= 125, "ping payload over 125 bytes")
        guard state == .open else { return false }
        outbound.append(makeFrame(.ping, payload: payload))
        return true
    }

    /// Starts the closing handshake with an optional code and reason (at most 123 UTF-8 bytes).
    /// Returns `false` when a Close was already sent.
    @discardableResult
    public mutating func close(code: UInt16? = nil, reason: String = "") -> Bool {
        guard state == .open else { return false }
        let payload = code.map { Self.closePayload(code: $0, reason: reason) } ?? []
        outbound.append(makeFrame(.close, payload: payload))
        state = .closeSent
        return true
    }

    /// The frames queued since the last call, in order.
    public mutating func takeOutbound() -> [OutboundFrame] {
        defer { outbound.removeAll(keepingCapacity: true) }
        return outbound
    }

    /// Whether frames are waiting in `takeOutbound()`.
    public var hasOutbound: Bool { !outbound.isEmpty }

    /// A frame with this role's masking: a fresh CSPRNG key for a client, none for a server.
    public mutating func makeFrame(_ opcode: Opcode, payload: [UInt8]) -> OutboundFrame {
        let key = configuration.role == .client ? keys.next() : nil
        return OutboundFrame(header: FrameHeader(opcode: opcode, maskingKey: key, payloadLength: UInt64(payload.count)), payload: payload)
    }

    /// A Close payload: the code in network order and the reason cut to 123 bytes on a character boundary.
    public static func closePayload(code: UInt16, reason: String) -> [UInt8] {
        var reasonBytes = Array(reason.utf8)
        if reasonBytes.count > 123 {
            reasonBytes = Array(reasonBytes[..<123])
            while !UTF8Validator.isValid(reasonBytes) { reasonBytes.removeLast() }
        }
        return [UInt8(code >> 8), UInt8(code & 0xFF)] + reasonBytes
    }
}
