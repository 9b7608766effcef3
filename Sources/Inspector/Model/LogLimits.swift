/// The bounds on what the inspector's log keeps: records, payload bytes, and bytes per record.
package struct LogLimits: Sendable, Hashable {
    /// The most records kept (`--log-capacity`).
    package var capacity: Int
    /// The most payload bytes kept over all records (`--log-memory`); past it the oldest records are dropped.
    package var memoryBudget: Int
    /// The most bytes kept of each payload of a record (`--max-record-bytes`); a longer one keeps its first bytes,
    /// its length and its hash (see ``RecordTrim``).
    package var maxRecordBytes: Int

    /// 100 000 records.
    package static let defaultCapacity = 100_000
    /// 256 MiB.
    package static let defaultMemoryBudget = 256 << 20
    /// 1 MiB.
    package static let defaultMaxRecordBytes = 1 << 20

    /// Creates limits; the defaults are 100 000 records, 256 MiB and 1 MiB per payload.
    package init(
        capacity: Int = LogLimits.defaultCapacity, memoryBudget: Int = LogLimits.defaultMemoryBudget,
        maxRecordBytes: Int = LogLimits.defaultMaxRecordBytes
    ) {
        self.capacity = max(1, capacity)
        self.memoryBudget = max(0, memoryBudget)
        self.maxRecordBytes = max(0, maxRecordBytes)
    }
}
