/// What the log's rows are: one per frame as it crossed the wire, or one per data message (as Chrome's DevTools
/// list them), its fragments reassembled.
package enum LogViewMode: Sendable, Hashable {
    /// One row per frame, handshake message or note.
    case frames
    /// One row per data message; control frames, handshakes and notes keep their own rows.
    case messages
}
