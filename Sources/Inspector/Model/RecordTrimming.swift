import WebSocketCore

/// Cutting records to the log's per-record limit, and what a record costs the log's memory budget.
///
/// A compressed message from a hostile server can inflate to the client's whole message limit from a few KiB on
/// the wire; kept whole, forty of them took the inspector past 3 GB. A cut record keeps the first bytes of each
/// large payload and, in ``RecordTrim``, each one's full length and hash.
extension InspectorRecord {
    /// This record with every payload longer than `limit` bytes cut to its first `limit` bytes (see ``RecordTrim``);
    /// the record itself when nothing is that long.
    package consuming func trimmed(to limit: Int) -> InspectorRecord {
        // Checked first: under a flood every record comes through here, and almost none is long.
        guard self.kind.longestPayloadCount > limit else { return self }
        var kind = self.kind
        guard let trim = kind.trim(to: limit, earlier: self.trim) else { return self }
        return InspectorRecord(id: id, time: time, direction: direction, kind: kind, trim: trim)
    }

    /// The bytes the record holds in payloads, handshake text and notes: what the log's memory budget counts.
    package var storedByteCount: Int {
        switch kind {
        case .frame(let frame, let inflated):
            return frame.storedByteCount(besides: inflated)
        case .handshakeRequest(let bytes), .handshakeResponse(let bytes):
            return bytes.count
        case .note(let text, _):
            return text.utf8.count
        }
    }
}

extension InspectorRecord.Kind {
    /// The length of the longest byte array the record holds.
    var longestPayloadCount: Int {
        switch self {
        case .frame(let frame, let inflated):
            return max(frame.payload.count, inflated?.count ?? 0, frame.inflatedPayload?.count ?? 0)
        case .handshakeRequest(let bytes), .handshakeResponse(let bytes):
            return bytes.count
        case .note:
            return 0
        }
    }

    /// Cuts every payload longer than `limit`; returns what was cut (with `earlier`'s lengths and hashes kept), or
    /// `nil` when nothing was cut now or before.
    mutating func trim(to limit: Int, earlier: RecordTrim?) -> RecordTrim? {
        switch self {
        case .frame(var frame, let inflated):
            // The record's `inflated` and the frame's own copy are one buffer: cut it once, keep both pointing at it.
            frame.inflatedPayload = inflated
            guard let trim = frame.trim(to: limit, earlier: earlier), trim != earlier else { return earlier }
            self = .frame(frame, inflated: frame.inflatedPayload)
            return trim
        case .handshakeRequest(var bytes):
            guard let cut = PayloadCut.cut(&bytes, to: limit, earlier: earlier?.payload), cut != earlier?.payload
            else { return earlier }
            self = .handshakeRequest(bytes)
            return RecordTrim(payload: cut)
        case .handshakeResponse(var bytes):
            guard let cut = PayloadCut.cut(&bytes, to: limit, earlier: earlier?.payload), cut != earlier?.payload
            else { return earlier }
            self = .handshakeResponse(bytes)
            return RecordTrim(payload: cut)
        case .note:
            return earlier
        }
    }
}

extension Frame {
    /// Cuts the payload and the inflated payload to `limit` bytes each, and captured wire bytes to the header plus
    /// what is kept of the payload. Returns what was cut, or `earlier` when nothing more was.
    package mutating func trim(to limit: Int, earlier: RecordTrim? = nil) -> RecordTrim? {
        var trim = earlier ?? RecordTrim()
        let payloadCut = PayloadCut.cut(&payload, to: limit, earlier: earlier?.payload)
        trim.payload = payloadCut
        if var inflated = inflatedPayload {
            inflatedPayload = nil  // let go of the second reference before cutting, so the cut frees the storage
            trim.inflated = PayloadCut.cut(&inflated, to: limit, earlier: earlier?.inflated)
            inflatedPayload = inflated
        }
        if let bytes = wholeWireBytes, bytes.count > header.encodedSize + payload.count {
            wireBytes = Array(bytes.prefix(header.encodedSize + payload.count))
        }
        guard trim.payload != nil || trim.inflated != nil else { return earlier }
        return trim
    }

    /// The bytes held in the payload, `inflated` and captured wire bytes that are not just the header.
    func storedByteCount(besides inflated: [UInt8]?) -> Int {
        var count = payload.count + (inflated?.count ?? 0)
        if let bytes = wholeWireBytes { count += bytes.count }
        return count
    }
}
