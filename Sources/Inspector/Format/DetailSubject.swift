/// What the detail view shows: one record, or in the message view one whole message. Either is a copy, so it
/// survives being dropped from the bounded log while on screen.
package enum DetailSubject: Sendable {
    /// One record: a frame, a handshake message or a note.
    case record(InspectorRecord)
    /// A data message: its reassembled payload, then the frames that carried it.
    case message(LogMessage)

    /// The record the subject starts with (a message's first frame).
    package var firstRecord: InspectorRecord {
        switch self {
        case .record(let record): return record
        case .message(let message): return message.first
        }
    }

    /// The title's name for it: `Record #12`, or `Message #12–#14 · 3 frames`.
    package var title: String {
        switch self {
        case .record(let record): return "Record #\(record.id)"
        case .message(let message):
            let count = message.frames.count
            guard count > 1 else { return "Message #\(message.first.id) · 1 frame" }
            return "Message #\(message.first.id)–#\(message.last.id) · \(count) frames"
        }
    }
}
