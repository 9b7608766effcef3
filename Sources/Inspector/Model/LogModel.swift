import Foundation
import WebSocketCore

/// The inspector's message log: a bounded ring of records, the filtered rows on show, and selection, follow mode
/// and scrolling over those rows.
///
/// Appending is O(1) amortised and filters only the new record, so a flood costs nothing per row on screen;
/// only changing the filter walks the whole ring.
///
/// Memory is bounded twice over (see ``LogLimits``): each payload is cut to a per-record limit as it is stored,
/// and past the memory budget the oldest records are dropped, as they are past the record capacity.
package struct LogModel: Sendable {
    /// The capacity used when none is given: 100 000 records.
    package static let defaultCapacity = LogLimits.defaultCapacity

    /// The bounds this log keeps to.
    package let limits: LogLimits
    /// The most records kept; older ones are dropped and counted in ``droppedCount``.
    package var capacity: Int { ring.capacity }
    /// Records dropped from the front since the log was created or last cleared.
    package private(set) var droppedCount = 0
    /// Of ``droppedCount``, the records dropped because the log's payload bytes passed ``LogLimits/memoryBudget``.
    package private(set) var droppedForMemory = 0
    /// Payload bytes the records held keep (see ``InspectorRecord/storedByteCount``).
    package private(set) var storedBytes = 0
    /// Frames and bytes per direction (not reset by ``clear()``).
    package private(set) var counters = TrafficCounters()
    /// The filter deciding which records are rows.
    package internal(set) var filter = LogFilter()
    /// Whether the selection sticks to the newest row.
    package private(set) var isFollowing = true
    /// Rows that arrived while follow mode was paused, for the `PAUSED · n new` badge.
    package internal(set) var newWhilePaused = 0

    /// When each connection began, for the time column's `since connect` mode (not reset by ``clear()``).
    package private(set) var connectionStarts = ConnectionStarts()

    /// Whether rows are frames or whole messages (`m`).
    package internal(set) var viewMode = LogViewMode.frames

    var ring: BoundedRing<LogEntry>
    var rows = PositionQueue()
    /// The fragmented messages, for the message view; kept in both views so switching is immediate.
    var messages = MessageIndex()
    private var nextID: UInt64 = 1
    /// The id the next record gets, so relay mode can tag it before it is appended (see ``relayTags``).
    package var nextRecordID: UInt64 { nextID }
    /// Relay mode's connection and mark of each record (empty in client mode).
    package var relayTags = RelayTags()
    /// The absolute ring position of the selected record while paused. It stays put when the ring drops the
    /// record: paused means still.
    var selection: Int?
    /// A copy of the selected row while paused, so the frame pane and detail view keep showing it after the
    /// bounded log dropped it.
    var pinned: LogItem?
    /// Why the paused selection left the log, once it has.
    package private(set) var selectionLoss: DropCause?
    /// The first row on screen while paused.
    var pausedTop = 0
    /// The opcode that began the fragmented message in flight in each direction, so continuation frames can be
    /// previewed as text or hex. Two fields, not a dictionary: this is consulted for every frame of a flood.
    private var sentMessageOpcode: Opcode?
    private var receivedMessageOpcode: Opcode?

    /// Creates an empty log holding at most `capacity` records (at least one), with the default memory limits.
    package init(capacity: Int = LogModel.defaultCapacity) {
        self.init(limits: LogLimits(capacity: capacity))
    }

    /// Creates an empty log within `limits`.
    package init(limits: LogLimits) {
        self.limits = limits
        ring = BoundedRing(capacity: limits.capacity)
    }

    // MARK: - Adding

    /// Appends a record made now (or at `time`), giving it the next id. It comes back when `handBack` is true
    /// (`--record`, `--dump`); otherwise it moves into the log uncopied and `nil` comes back, which spares a
    /// flood's frames a retain and a release of their payloads.
    @discardableResult
    package mutating func append(
        _ kind: consuming InspectorRecord.Kind, direction: Direction, time: Date = Date(), trim: RecordTrim? = nil,
        handBack: Bool = true
    ) -> InspectorRecord? {
        guard handBack else {
            // Made in the call, so the record moves into the log without a copy.
            append(InspectorRecord(id: nextID, time: time, direction: direction, kind: kind, trim: trim))
            return nil
        }
        let record = InspectorRecord(id: nextID, time: time, direction: direction, kind: kind, trim: trim)
        append(copy record)
        return record
    }

    /// Whether records are kept for display. `--dump` turns it off: it prints each record as it comes and never
    /// draws the log, so filling the ring would only cost time and memory.
    package var keepsRecords = true

    /// Appends a record that already has an id (later ids continue after the largest seen).
    package mutating func append(_ record: consuming InspectorRecord) {
        nextID = max(nextID, record.id + 1)
        counters.count(record)
        guard keepsRecords else { return }
        if case .handshakeRequest = record.kind { connectionStarts.add(record.time) }
        let continuing = continuationOpcode(for: record)
        let position = ring.endIndex
        let part = messages.add(record, at: position)
        // Asked first: the records of a flood are never cut, and handing them through the cut costs a copy.
        let limit = limits.maxRecordBytes
        let kept = record.kind.longestPayloadCount > limit ? record.trimmed(to: limit) : record
        // Filtered before the ring takes it; `consume` ends each value's life where it moves on, so that the record
        // and the entry move rather than being copied and the copies destroyed at the end of the call.
        let entry = LogEntry(record: consume kept, continuing: continuing, part: part)
        let shown = isRow(entry)
        storedBytes += entry.storedBytes
        var dropped = 0
        if let overwritten = ring.append(consume entry) {
            storedBytes -= overwritten.storedBytes
            dropped = 1
        }
        var memoryDrops = 0
        // The newest record always stays, so the log holds at most the budget or one record, whichever is more.
        while storedBytes > limits.memoryBudget && ring.count > 1 {
            storedBytes -= ring.removeFirst().storedBytes
            droppedForMemory += 1
            dropped += 1
            memoryDrops += 1
        }
        if dropped > 0 {
            droppedCount += dropped
            dropRows(before: ring.startIndex, cause: memoryDrops > 0 ? .memory : .capacity)
            messages.removeBefore(ring.startIndex)
        }
        if shown {
            rows.append(position)
            if !isFollowing { newWhilePaused += 1 }
        } else if case .continuation(let start) = part {
            messageGrew(startingAt: start)
        }
    }

    /// Notes that a connection attempt starts at `time`, for the time column's `since connect` mode: the rows
    /// logged before its handshake (its divider, `connecting to …`) then count from it, not from the connection
    /// before. A capture has no attempts, only handshakes, which ``append(_:)`` notes itself.
    package mutating func markConnectionStart(at time: Date) {
        connectionStarts.add(time)
    }

    /// Adds a local note, such as a state change or an error.
    @discardableResult
    package mutating func note(_ text: String, isError: Bool = false, time: Date = Date()) -> InspectorRecord {
        let record = InspectorRecord(id: nextID, time: time, direction: .local, kind: .note(text, isError: isError))
        append(copy record)
        return record
    }

    /// Empties the log (the `/clear` command). Traffic counters and ids carry on; follow mode resumes.
    package mutating func clear() {
        ring.removeAll()
        rows.removeAll()
        messages.removeAll()
        droppedCount = 0
        droppedForMemory = 0
        storedBytes = 0
        selection = nil
        pinned = nil
        selectionLoss = nil
        pausedTop = 0
        isFollowing = true
        newWhilePaused = 0
    }

    // MARK: - Rows

    /// Records held, shown or not.
    package var recordCount: Int { ring.count }
    /// Rows that pass the filter.
    package var rowCount: Int { rows.count }

    /// The entry shown at `row` (0 = oldest); in the message view, a message row's first frame.
    package func entry(atRow row: Int) -> LogEntry { ring[rows[row]] }

    /// What row `row` shows (0 = oldest): a record, or in the message view a whole message.
    package func item(atRow row: Int) -> LogItem { item(at: rows[row]) }

    /// The selected row: the newest while following, else the paused selection (`nil` once the log dropped it).
    package var selectedRow: Int? {
        guard !rows.isEmpty else { return nil }
        if isFollowing { return rows.count - 1 }
        guard let selection, selectionLoss == nil else { return nil }
        return min(rows.row(atOrAfter: selection), rows.count - 1)
    }

    /// The selected row's content, or while paused the selected row even after the log dropped it.
    package var selectedItem: LogItem? {
        if !isFollowing, selectionLoss != nil { return pinned }
        return selectedRow.map { item(atRow: $0) }
    }

    /// The selected entry: the selected record, or a selected message's first frame.
    package var selectedEntry: LogEntry? {
        switch selectedItem {
        case .record(let entry): return entry
        case .message(let message): return message.frames[0]
        case nil: return nil
        }
    }

    /// The rows that arrived while paused and are still in the log: never more than the log holds.
    package var newWhilePausedShown: Int { min(newWhilePaused, rows.count) }
    /// The rows that arrived while paused and were already dropped from the log again.
    package var newWhilePausedDropped: Int { newWhilePaused - newWhilePausedShown }

    /// The first row to draw in a viewport `height` rows tall, keeping the selection on screen.
    package func topRow(forHeight height: Int) -> Int {
        let height = max(1, height)
        let lastTop = max(0, rows.count - height)
        if isFollowing { return lastTop }
        // The selected record was dropped: the view stays at the oldest rows, where it was, not at the flood.
        guard let selected = selectedRow else { return min(pausedTop, lastTop) }
        var top = min(pausedTop, lastTop)
        if selected < top { top = selected }
        if selected >= top + height { top = selected - height + 1 }
        return max(0, top)
    }

    // MARK: - Moving

    /// Moves the selection by `delta` rows; moving up leaves follow mode (scrolling back through history should
    /// not be yanked to the bottom by new traffic), and moving down onto the newest row takes it up again.
    package mutating func moveSelection(by delta: Int, viewportHeight: Int) {
        // After the selected record was dropped, moving starts again from the oldest row.
        guard let current = selectedRow ?? (selectionLoss != nil && !rows.isEmpty ? 0 : nil) else { return }
        let target = max(0, min(rows.count - 1, current + delta))
        if isFollowing {
            guard target < current else { return }
            pause(viewportHeight: viewportHeight)
        } else if delta > 0 && target == rows.count - 1 {
            return resumeFollowing()
        }
        select(position: rows[target])
        pausedTop = topRow(forHeight: viewportHeight)
    }

    /// Moves up a page (pauses follow mode).
    package mutating func pageUp(viewportHeight: Int) {
        moveSelection(by: -max(1, viewportHeight - 1), viewportHeight: viewportHeight)
    }

    /// Moves down a page.
    package mutating func pageDown(viewportHeight: Int) {
        moveSelection(by: max(1, viewportHeight - 1), viewportHeight: viewportHeight)
    }

    /// Selects the oldest row (pauses follow mode).
    package mutating func selectFirst(viewportHeight: Int) {
        guard let current = selectedRow else { return }
        moveSelection(by: -current, viewportHeight: viewportHeight)
        if !isFollowing { pausedTop = 0 }
    }

    /// Jumps to the newest row and follows again (`End` / `G`).
    package mutating func resumeFollowing() {
        isFollowing = true
        newWhilePaused = 0
        selection = nil
        pinned = nil
        selectionLoss = nil
    }

    /// Selects row `row` and pauses follow mode, keeping it on screen (a search landing on it).
    package mutating func selectRow(_ row: Int, viewportHeight: Int) {
        guard row >= 0, row < rows.count else { return }
        pause(viewportHeight: viewportHeight)
        select(position: rows[row])
        pausedTop = topRow(forHeight: viewportHeight)
    }

    /// Leaves follow mode, keeping the newest row selected and the view where it is.
    package mutating func pause(viewportHeight: Int) {
        guard isFollowing else { return }
        let top = topRow(forHeight: viewportHeight)
        isFollowing = false
        newWhilePaused = 0
        if let last = rows.last { select(position: last) }
        pausedTop = top
    }

    mutating func select(position: Int) {
        selection = position
        pinned = item(at: position)
        selectionLoss = nil
    }

    mutating func dropRows(before position: Int, cause: DropCause) {
        let removed = rows.removeBefore(position)
        if !isFollowing { pausedTop = max(0, pausedTop - removed) }
        if !isFollowing, selectionLoss == nil, let selected = selection, selected < position { selectionLoss = cause }
    }

    private mutating func continuationOpcode(for record: InspectorRecord) -> Opcode? {
        guard let header = record.frame?.header, !header.opcode.isControl else { return nil }
        let sent = record.direction == .sent
        let previous = sent ? sentMessageOpcode : receivedMessageOpcode
        let next: Opcode?
        if header.opcode == .continuation {
            next = header.fin ? nil : previous
        } else {
            next = header.fin ? nil : header.opcode
        }
        if sent { sentMessageOpcode = next } else { receivedMessageOpcode = next }
        return header.opcode == .continuation ? previous : nil
    }
}

/// Why the log dropped a record.
package enum DropCause: Sendable, Hashable {
    /// The log held `--log-capacity` records.
    case capacity
    /// The log's payload bytes passed `--log-memory`.
    case memory
}
