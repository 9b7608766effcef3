import Foundation

/// How long after the last message we sent a received record arrived: the "how long did the server take"
/// line of the detail view.
package struct ReplyTiming: Sendable, Hashable {
    /// The id of the last sent data frame before the received record.
    package var sentID: UInt64
    /// Seconds from it to the received record.
    package var seconds: TimeInterval

    /// Creates a timing.
    package init(sentID: UInt64, seconds: TimeInterval) {
        self.sentID = sentID
        self.seconds = seconds
    }

    /// `412.345 ms after #11, the last message sent before it` (seconds from one second on).
    package var text: String {
        let amount =
            abs(seconds) < 1
            ? TimeColumnFormat.signed(seconds * 1000, decimals: 3).dropFirst() + " ms"
            : TimeColumnFormat.signed(seconds, decimals: 3).dropFirst() + " s"
        let sign = seconds < 0 ? "-" : ""
        return sign + amount + " after #\(sentID), the last message sent before it"
    }
}

extension LogModel {
    /// When `record` was received: how long after the last sent data frame the log still holds before it.
    /// Walks back from the newest record once, when the detail view opens; `nil` for a record not received or
    /// with no sent message before it in the log.
    package func replyTiming(for record: InspectorRecord) -> ReplyTiming? {
        guard record.direction == .received else { return nil }
        var position = ring.endIndex - 1
        while position >= ring.startIndex {
            let earlier = ring[position].record
            position -= 1
            guard earlier.id < record.id, earlier.direction == .sent,
                let opcode = earlier.frame?.header.opcode, !opcode.isControl
            else { continue }
            return ReplyTiming(sentID: earlier.id, seconds: record.time.timeIntervalSince(earlier.time))
        }
        return nil
    }
}
