/// Frames and wire bytes seen in each direction since the session began; clearing the log does not reset them,
/// because they describe the connection, not the rows on screen.
package struct TrafficCounters: Sendable, Hashable {
    /// Frames sent.
    package var sentFrames: Int = 0
    /// Wire bytes sent (headers included).
    package var sentBytes: Int = 0
    /// Frames received.
    package var receivedFrames: Int = 0
    /// Wire bytes received (headers included).
    package var receivedBytes: Int = 0
    /// Keepalive pings sent (``Keepalive``), which the log hides by default.
    package var keepalivePings: Int = 0
    /// Messages (final data frames) and wire bytes sent per second over the last minute, for the status bar.
    package var sentRate = RateRing()
    /// Messages (final data frames) and wire bytes received per second over the last minute.
    package var receivedRate = RateRing()

    /// Creates zeroed counters.
    package init() {}

    /// Counts a record if it is a frame.
    package mutating func count(_ record: InspectorRecord) {
        guard case .frame(let frame, _) = record.kind else { return }
        // A payload cut to the log's per-record limit still counts whole: the counters describe the wire.
        let cut = record.trim?.payload.map { $0.fullCount - $0.keptCount } ?? 0
        let size = (frame.wireByteCount ?? (frame.header.encodedSize + frame.payload.count)) + cut
        // A message ends with a data frame that has FIN; control frames and fragments count as bytes only.
        let messages = frame.header.fin && !frame.header.opcode.isControl ? 1 : 0
        let second = Int(record.time.timeIntervalSince1970.rounded(.down))
        switch record.direction {
        case .sent:
            sentFrames += 1
            sentBytes += size
            sentRate.add(second: second, messages: messages, bytes: size)
            // Control frames only, so a flood's data frames pay one opcode check.
            if frame.header.opcode == .ping && Keepalive.matches(record) { keepalivePings += 1 }
        case .received:
            receivedFrames += 1
            receivedBytes += size
            receivedRate.add(second: second, messages: messages, bytes: size)
        case .local:
            break
        }
    }
}
