/// What is left of a payload the log cut to its per-record limit: its first ``keptCount`` bytes stay in the
/// record, and its full length and hash say what the rest was.
package struct PayloadCut: Sendable, Hashable {
    /// The payload's length before the cut.
    package let fullCount: Int
    /// How many of its first bytes the record kept.
    package let keptCount: Int
    /// ``FNV1a64`` of the whole payload (for identification, not security).
    package let hash: UInt64

    /// Creates a cut description.
    package init(fullCount: Int, keptCount: Int, hash: UInt64) {
        self.fullCount = fullCount
        self.keptCount = keptCount
        self.hash = hash
    }

    /// Cuts `bytes` to its first `limit` bytes when it is longer, and describes the cut; `nil` when it fits.
    /// `earlier` is a cut already made to these bytes: its length and hash are those of the original, so they stay.
    static func cut(_ bytes: inout [UInt8], to limit: Int, earlier: PayloadCut? = nil) -> PayloadCut? {
        let limit = max(0, limit)
        guard bytes.count > limit else { return earlier }
        let cut = PayloadCut(
            fullCount: earlier?.fullCount ?? bytes.count, keptCount: limit, hash: earlier?.hash ?? FNV1a64.hash(bytes))
        // A fresh array, not a slice of the old one: the point is to let the old storage go.
        bytes = Array(bytes[..<limit])
        return cut
    }
}

/// What the log cut from a record larger than its per-record limit (see ``LogLimits/maxRecordBytes``).
package struct RecordTrim: Sendable, Hashable {
    /// The frame's payload as it crossed the wire (unmasked; compressed for a compressed frame), or the bytes of
    /// a handshake record.
    package var payload: PayloadCut?
    /// The payload a compressed frame inflated to.
    package var inflated: PayloadCut?

    /// Creates a trim description.
    package init(payload: PayloadCut? = nil, inflated: PayloadCut? = nil) {
        self.payload = payload
        self.inflated = inflated
    }
}
