/// A record together with the one-line preview computed when it arrived, so filtering and drawing never
/// re-decode payloads.
public struct LogEntry: Sendable {
    /// The record.
    public let record: InspectorRecord
    /// Its escaped, single-line preview (see ``RecordPreview``).
    public let preview: String
}
