/// What `/export` reads from the log: every record it holds, or the ones the filter shows.
extension LogModel {
    /// Every record the log holds, oldest first (cut to the per-record limit as the log keeps them).
    package var keptRecords: [InspectorRecord] {
        var records: [InspectorRecord] = []
        records.reserveCapacity(ring.count)
        for position in ring.startIndex..<ring.endIndex { records.append(ring[position].record) }
        return records
    }

    /// The records the current filter shows, oldest first: each row's record, and in the message view every frame
    /// of a message row (the rows show messages, and a message is its frames).
    package var shownRecords: [InspectorRecord] {
        var records: [InspectorRecord] = []
        records.reserveCapacity(rows.count)
        for row in 0..<rows.count {
            switch item(atRow: row) {
            case .record(let entry): records.append(entry.record)
            case .message(let message): records.append(contentsOf: message.frames.map(\.record))
            }
        }
        return records
    }
}
