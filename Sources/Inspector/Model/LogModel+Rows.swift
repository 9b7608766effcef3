/// Which records are rows: the filter, and the message view's grouping of fragments into one row per message.
extension LogModel {
    // MARK: - Filtering

    /// Sets the filter's regular expression and rebuilds the rows; `""` clears it.
    package mutating func setFilterPattern(_ pattern: String) throws(LogFilterError) {
        try filter.setPattern(pattern)
        refilter()
    }

    /// Shows or hides control frames.
    package mutating func setHideControlFrames(_ hide: Bool) {
        filter.hideControlFrames = hide
        refilter()
    }

    /// Steps through which control frames are shown: all but keepalives (the start), all, none.
    package mutating func cycleControlFrames() {
        if filter.hideControlFrames {
            filter.hideControlFrames = false
            filter.showKeepalive = false
        } else if filter.showKeepalive {
            filter.hideControlFrames = true
        } else {
            filter.showKeepalive = true
        }
        refilter()
    }

    /// Shows or hides one direction.
    package mutating func setHidden(_ direction: Direction, _ hidden: Bool) {
        if hidden { filter.hiddenDirections.insert(direction) } else { filter.hiddenDirections.remove(direction) }
        refilter()
    }

    /// Replaces the whole filter.
    package mutating func setFilter(_ newFilter: LogFilter) {
        filter = newFilter
        refilter()
    }

    // MARK: - Messages

    /// Switches between one row per frame and one row per message (`m`). A paused selection on a later fragment
    /// moves to its message's row, and back to the message's first frame.
    package mutating func toggleViewMode() {
        viewMode = viewMode == .frames ? .messages : .frames
        if let position = selection, ring.contains(position), case .continuation(let start) = ring[position].part,
            ring.contains(start)
        {
            selection = start
        }
        refilter()
        if let position = selection, ring.contains(position) { pinned = item(at: position) }
    }

    /// What the row at ring position `position` shows in the current view.
    func item(at position: Int) -> LogItem {
        let entry = ring[position]
        guard viewMode == .messages, entry.part == .first else { return .record(entry) }
        guard let span = messages.span(startingAt: position) else {
            return .message(LogMessage(frames: [entry], isComplete: true))
        }
        let frames = span.positions.filter { ring.contains($0) }.map { ring[$0] }
        return .message(LogMessage(frames: frames, isComplete: span.isComplete))
    }

    /// Whether a new entry (not yet in the ring) is a row of the current view.
    func isRow(_ entry: LogEntry) -> Bool {
        if filter.connection != nil && !isOfShownConnection(entry.record) { return false }
        guard viewMode == .messages else { return filter.matches(entry) }
        switch entry.part {
        case .notData, .orphan:
            return filter.matches(entry)
        case .first:
            let complete = entry.record.frame?.header.fin ?? true
            return filter.matches(.message(LogMessage(frames: [entry], isComplete: complete)))
        case .continuation:
            return false
        }
    }

    /// A fragment joined the message starting at `start`: with a pattern, its preview may now match or not.
    mutating func messageGrew(startingAt start: Int) {
        guard viewMode == .messages, filter.hasPattern, ring.contains(start) else { return }
        let message = item(at: start)
        // The preview reads the first bytes only; once they are all in, later fragments cannot change it.
        if case .message(let whole) = message {
            let before = whole.frames.dropLast().reduce(0) { $0 + ($1.record.applicationPayload?.count ?? 0) }
            if before > RecordPreview.textLimit { return }
        }
        let shown = filter.matches(message)
        let row = rows.row(atOrAfter: start)
        let isShown = row < rows.count && rows[row] == start
        if shown && !isShown {
            rows.insert(start, atRow: row)
        } else if !shown && isShown {
            rows.remove(atRow: row)
        }
    }

    /// Whether a record belongs to the connection the filter shows (relay mode); the relay's own notes (connection
    /// 0, such as a refused inject) show with every connection.
    func isOfShownConnection(_ record: InspectorRecord) -> Bool {
        guard let connection = relayTags.tag(for: record.id)?.connection else { return false }
        return connection == filter.connection || connection == 0
    }

    mutating func refilter() {
        rows.removeAll()
        for position in ring.startIndex..<ring.endIndex {
            let entry = ring[position]
            let shown: Bool
            if filter.connection != nil && !isOfShownConnection(entry.record) { continue }
            switch viewMode {
            case .frames: shown = filter.matches(entry)
            case .messages:
                if case .continuation = entry.part { shown = false } else { shown = filter.matches(item(at: position)) }
            }
            if shown { rows.append(position) }
        }
        // The paused selection keeps its record if still shown, else moves to the next shown one.
        newWhilePaused = 0
    }
}
