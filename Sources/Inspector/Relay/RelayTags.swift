/// What a relay row is beside its record: its connection and how the message fared.
package struct RelayTag: Sendable, Hashable {
    /// The connection number (0: the relay itself).
    package var connection: Int
    /// How the message fared, or that the row is a note.
    package var mark: RelayMark
}

/// How a relayed message fared, shown in the relay columns of its row.
package enum RelayMark: Sendable, Hashable {
    /// A connection's note (opened, closed…).
    case note
    /// Forwarded as it came.
    case forwarded
    /// Held by intercept, waiting for a decision.
    case held(id: Int)
    /// Was held, then forwarded as it was.
    case released
    /// Was held, then dropped.
    case dropped
    /// Was held, then replaced by an edited message (the row after it).
    case edited
    /// The edited message sent in place of a held one.
    case replacement
    /// Sent by the inspector.
    case injected
}

/// The relay tags of the log's records, by record id: kept beside the log (not in each record), so the client
/// mode's records stay as they are. Ids only grow, so the tags are in id order and a lookup is a binary search;
/// tags of records the log dropped are removed with ``removeBefore(_:)``.
package struct RelayTags: Sendable {
    private var ids: [UInt64] = []
    private var tags: [RelayTag] = []
    private var start = 0

    /// Creates an empty table.
    package init() {}

    /// Tags held.
    package var count: Int { ids.count - start }

    /// Tags record `id` (larger than any tagged before).
    package mutating func add(_ id: UInt64, _ tag: RelayTag) {
        ids.append(id)
        tags.append(tag)
    }

    /// The tag of record `id`, if it has one.
    package func tag(for id: UInt64) -> RelayTag? {
        index(of: id).map { tags[$0] }
    }

    /// Changes the mark of record `id`'s tag.
    package mutating func setMark(_ mark: RelayMark, for id: UInt64) {
        if let index = index(of: id) { tags[index].mark = mark }
    }

    /// Forgets the tags of records older than `id` (the log's oldest record).
    package mutating func removeBefore(_ id: UInt64) {
        while start < ids.count && ids[start] < id { start += 1 }
        // Compacted once half is dead, so the arrays stay within twice what the log holds.
        if start > 1024 && start * 2 > ids.count {
            ids.removeFirst(start)
            tags.removeFirst(start)
            start = 0
        }
    }

    private func index(of id: UInt64) -> Int? {
        var low = start
        var high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low < ids.count && ids[low] == id ? low : nil
    }
}
