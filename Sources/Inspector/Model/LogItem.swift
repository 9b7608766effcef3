import WebSocketCore

/// What one log row shows: a record (a frame, handshake message or note), or in the message view a whole data
/// message made of one or more frames.
package enum LogItem: Sendable {
    /// One record as the log holds it.
    case record(LogEntry)
    /// One data message and the frames that carried it.
    case message(LogMessage)

    /// The record the row starts with: the record itself, or the message's first frame. Its id names the row.
    package var firstRecord: InspectorRecord {
        switch self {
        case .record(let entry): return entry.record
        case .message(let message): return message.first
        }
    }

    /// The row's escaped one-line preview; credentials hidden unless `showsSecrets`.
    package func preview(showsSecrets: Bool = false) -> String {
        switch self {
        case .record(let entry): return entry.preview(showsSecrets: showsSecrets)
        case .message(let message): return message.preview
        }
    }

    /// The text a search looks through: the whole kept payload, not only the preview (see ``SearchText``), with
    /// credentials hidden unless `showsSecrets`, so a search never finds what the screen does not show.
    package func searchText(showsSecrets: Bool = false) -> String {
        switch self {
        case .record(let entry):
            return SearchText.of(entry.record.shown(showsSecrets: showsSecrets), continuing: entry.continuing)
        case .message(let message): return SearchText.of(message)
        }
    }

    /// How many bytes of payload the search reads for this row: the unit a search slice is measured in.
    var searchCost: Int {
        switch self {
        case .record(let entry): return max(64, entry.storedBytes)
        case .message(let message): return max(64, message.frames.reduce(0) { $0 + $1.storedBytes })
        }
    }
}

/// A data message as the message view shows it (`m`): its frames, first to last, as far as they have arrived.
/// Control frames that came between its fragments are not part of it; they stay rows of their own.
package struct LogMessage: Sendable {
    /// The frames, first to last. Never empty.
    package let frames: [LogEntry]
    /// Whether its last frame (FIN) has arrived.
    package let isComplete: Bool

    /// Creates a message from its frames (at least one).
    init(frames: [LogEntry], isComplete: Bool) {
        precondition(!frames.isEmpty, "a message has at least one frame")
        self.frames = frames
        self.isComplete = isComplete
    }

    /// The first frame's record: its id, time and direction are the message's.
    package var first: InspectorRecord { frames[0].record }
    /// The last frame's record that has arrived.
    package var last: InspectorRecord { frames[frames.count - 1].record }
    /// TEXT or BINARY, from the first frame.
    package var opcode: Opcode { first.frame?.header.opcode ?? .binary }
    /// Whether the first frame is marked compressed (RSV1).
    package var isCompressed: Bool { first.frame?.header.rsv1 ?? false }
    /// Whether the client left a compressed message uninflated, so the payload is deflate output.
    var isRawDeflate: Bool { isCompressed && !frames[0].isInflated }

    /// The message's size as an application sees it: every frame's full (inflated) length, cut or not.
    package var size: Int {
        frames.reduce(0) { total, entry in
            let record = entry.record
            return total + (record.applicationCut?.fullCount ?? record.applicationPayload?.count ?? 0)
        }
    }

    /// Whether the log cut any of its frames to the per-record limit, so ``payload`` misses bytes.
    package var isCut: Bool { frames.contains { $0.record.applicationCut != nil } }

    /// The reassembled payload: each frame's (inflated) payload in order, as far as the log kept them.
    package var payload: [UInt8] { payload(upTo: .max) }

    /// The reassembled payload's first bytes, at least `limit` of them when there are that many.
    func payload(upTo limit: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        for entry in frames {
            guard bytes.count < limit else { break }
            bytes += entry.record.applicationPayload ?? []
        }
        return bytes
    }

    /// The escaped one-line preview of the reassembled payload, as a single-frame message of it would show.
    package var preview: String {
        let bytes = payload(upTo: RecordPreview.textLimit + 1)
        if isRawDeflate { return RecordPreview.hex(bytes) }
        return opcode == .text ? RecordPreview.text(bytes) : RecordPreview.hex(bytes)
    }
}

extension LogEntry {
    /// Whether the record carries an inflated payload.
    var isInflated: Bool {
        if case .frame(_, let inflated) = record.kind { return inflated != nil }
        return false
    }
}
