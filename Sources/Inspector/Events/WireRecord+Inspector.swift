import WebSockets

extension WireRecord {
    /// The log's direction for these bytes.
    package var logDirection: Inspector.Direction { direction == .sent ? .sent : .received }

    /// What the log records for these bytes: a frame, or the request or response of the handshake. A proxy's
    /// CONNECT request is shown as a request and its answer as a response. Consuming, so that the bytes of a
    /// record not needed afterwards move rather than being copied (`copy` the record to keep it).
    package consuming func intoRecordKind() -> InspectorRecord.Kind {
        switch content {
        case .handshakeRequest(let bytes):
            return .handshakeRequest(bytes)
        case .proxy(let bytes) where direction == .sent:
            return .handshakeRequest(bytes)
        case .handshakeResponse(let bytes), .proxy(let bytes):
            return .handshakeResponse(bytes)
        case .frame(let frame):
            return .frame(frame, inflated: frame.inflatedPayload)
        }
    }

    /// Whether a payload of these bytes is longer than `limit`, so ``trimmed(to:)`` would cut it. Asked first, so
    /// that the records of a flood, which are never cut, are not handed through it.
    package func hasPayload(longerThan limit: Int) -> Bool {
        guard case .frame(let frame) = content else { return false }
        return max(frame.payload.count, frame.inflatedPayload?.count ?? 0) > limit
    }

    /// These bytes with every payload longer than `limit` cut to its first `limit` bytes, and what was cut (`nil`
    /// when nothing was long enough to cut).
    package consuming func trimmed(to limit: Int) -> (WireRecord, RecordTrim?) {
        guard hasPayload(longerThan: limit), case .frame(var frame) = content else { return (self, nil) }
        let trim = frame.trim(to: limit)
        return (WireRecord(time: time, direction: direction, content: .frame(frame)), trim)
    }

    /// Whether this is a close frame, in either direction.
    package var isCloseFrame: Bool {
        if case .frame(let frame) = content { return frame.header.opcode == .close }
        return false
    }
}
