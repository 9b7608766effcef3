import WebSocketCore

/// Which frames of the log make up which data message, for the message view (`m`).
///
/// Only fragmented messages are written down: a single-frame message (nearly every message of a flood) is its own
/// first and last frame and costs nothing here. Positions are the ring's absolute positions, so they stay valid as
/// older records are dropped, and entries go when their first frame leaves the log.
struct MessageIndex: Sendable {
    /// A fragmented message's frames, by ring position, first to last, and whether the last (FIN) arrived.
    struct Span: Sendable {
        var positions: [Int]
        var isComplete: Bool
    }

    /// What a data frame is to the message view.
    enum Part: Sendable, Hashable {
        /// Not a data frame (a control frame, handshake or note): a row of its own.
        case notData
        /// The first frame of a message (maybe also its last): the message's row.
        case first
        /// A later frame of the message that began at this position: part of that row.
        case continuation(start: Int)
        /// A continuation frame with no message in the log to continue (the log was cleared mid-message): a row of
        /// its own, so it never disappears.
        case orphan
    }

    private(set) var spans: [Int: Span] = [:]
    /// The keys of `spans` in order, so pruning from the front costs only what it removes.
    private var starts = PositionQueue()
    private var sentStart: Int?
    private var receivedStart: Int?

    /// Notes the record at `position`; returns what it is to the message view.
    mutating func add(_ record: InspectorRecord, at position: Int) -> Part {
        guard let header = record.frame?.header, !header.opcode.isControl, record.direction != .local else {
            return .notData
        }
        let sent = record.direction == .sent
        let open = sent ? sentStart : receivedStart
        let part: Part
        var next: Int?
        if header.opcode == .continuation {
            guard let start = open, spans[start] != nil else { return .orphan }
            spans[start]!.positions.append(position)
            if header.fin { spans[start]!.isComplete = true } else { next = start }
            part = .continuation(start: start)
        } else {
            // A new message leaves any unfinished one incomplete (the library fails such a connection).
            if !header.fin {
                spans[position] = Span(positions: [position], isComplete: false)
                starts.append(position)
                next = position
            }
            part = .first
        }
        if sent { sentStart = next } else { receivedStart = next }
        return part
    }

    /// The span of the fragmented message starting at `position`, if it is one.
    func span(startingAt position: Int) -> Span? { spans[position] }

    /// Forgets messages whose first frame lies before `position` (dropped from the log).
    mutating func removeBefore(_ position: Int) {
        while let first = starts.first, first < position {
            spans[first] = nil
            starts.removeBefore(first + 1)
        }
        if let start = sentStart, start < position { sentStart = nil }
        if let start = receivedStart, start < position { receivedStart = nil }
    }

    /// Forgets everything (the log was cleared); continuation frames that follow are orphans.
    mutating func removeAll() {
        spans.removeAll()
        starts.removeAll()
        sentStart = nil
        receivedStart = nil
    }
}
