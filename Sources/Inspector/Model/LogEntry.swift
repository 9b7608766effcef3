import WebSocketCore

/// A record as the log holds it, with what its one-line preview needs.
///
/// The preview is computed when asked for, not when the record arrives: under a flood the log takes hundreds of
/// thousands of records a second while the screen shows about fifty, so building every preview up front was most
/// of the inspector's cost per message. Drawing asks only for the rows on screen, and the filter only when it has
/// a pattern to match.
package struct LogEntry: Sendable {
    /// The record.
    package let record: InspectorRecord
    /// For a continuation frame, the opcode that began its message, so it previews as text or hex like the first.
    let continuing: Opcode?
    /// What the record costs the log's memory budget, counted once as it arrives.
    let storedBytes: Int
    /// What the record is to the message view: its own row, a message's first frame, or part of a message.
    let part: MessageIndex.Part

    init(record: InspectorRecord, continuing: Opcode?, part: MessageIndex.Part = .notData) {
        // Counted before the record moves in, so that it is not read (and copied) from its new place.
        storedBytes = record.storedByteCount
        self.record = record
        self.continuing = continuing
        self.part = part
    }

    /// Its escaped, single-line preview (see ``RecordPreview``), with credentials hidden.
    package var preview: String { preview(showsSecrets: false) }

    /// Its escaped, single-line preview; credentials hidden unless `showsSecrets` (`--show-secrets`).
    package func preview(showsSecrets: Bool) -> String {
        RecordPreview.make(for: record.shown(showsSecrets: showsSecrets), continuing: continuing)
    }
}
