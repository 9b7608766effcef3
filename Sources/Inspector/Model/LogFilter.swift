import Foundation

/// Which records the log shows: a regular expression over the preview text, and toggles that hide control frames
/// or whole directions.
package struct LogFilter: Sendable {
    /// The pattern as typed; `""` matches everything.
    package var pattern: String { regex?.text ?? "" }
    /// Hides close, ping and pong frames.
    package var hideControlFrames = false
    /// Shows the keepalive pings of `--ping-interval` and their pongs, which are hidden by default.
    package var showKeepalive = false
    /// Directions whose records are hidden.
    package var hiddenDirections: Set<Direction> = []
    /// Relay mode: the one connection whose rows show (`nil`: all). Checked by the log against its relay tags.
    package var connection: Int?
    private var regex: SearchPattern?

    /// A filter that shows everything.
    package init() {}

    /// Whether anything is being hidden.
    package var isActive: Bool { regex != nil || hideControlFrames || !hiddenDirections.isEmpty }

    /// Whether a pattern is set, so a row's preview matters to it.
    var hasPattern: Bool { regex != nil }

    /// Sets the pattern; `""` clears it. Smart case, as ``SearchPattern`` compiles it.
    /// - Throws: ``LogFilterError`` when the pattern does not compile; the filter is left unchanged.
    package mutating func setPattern(_ newPattern: String) throws(LogFilterError) {
        regex = newPattern.isEmpty ? nil : try SearchPattern(newPattern)
    }

    /// Whether an entry passes. Its preview is built only when there is a pattern to match it against.
    package func matches(_ entry: borrowing LogEntry) -> Bool {
        // Not through `matches(record:preview:)`: its autoclosure would copy the entry for every record of a flood.
        guard passes(entry.record) else { return false }
        guard let regex else { return true }
        return regex.matches(entry.preview)
    }

    /// Whether a row passes: a record, or in the message view a whole message (matched on its preview).
    package func matches(_ item: LogItem) -> Bool {
        switch item {
        case .record(let entry): return matches(entry)
        case .message(let message): return matches(record: message.first, preview: message.preview)
        }
    }

    private func matches(record: InspectorRecord, preview: @autoclosure () -> String) -> Bool {
        guard passes(record) else { return false }
        if let regex { return regex.matches(preview()) }
        return true
    }

    /// Whether the record passes the direction and control-frame settings (the pattern aside).
    private func passes(_ record: InspectorRecord) -> Bool {
        if !hiddenDirections.isEmpty && hiddenDirections.contains(record.direction) { return false }
        if record.isControlFrame {
            if hideControlFrames { return false }
            if !showKeepalive && Keepalive.matches(record) { return false }
        }
        return true
    }
}

/// A filter or search pattern that is not a valid regular expression.
package struct LogFilterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The pattern that failed.
    package var pattern: String
    /// Shown inline in the prompt.
    package var description: String { "invalid regular expression: \(SafeText.escape(pattern))" }
}
