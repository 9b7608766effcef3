import Foundation

/// Which records the log shows: a regular expression over the preview text, and toggles that hide control frames
/// or whole directions.
public struct LogFilter: Sendable {
    /// The pattern as typed; `""` matches everything.
    public private(set) var pattern: String = ""
    /// Hides close, ping and pong frames.
    public var hideControlFrames = false
    /// Shows the keepalive pings of `--ping-interval` and their pongs, which are hidden by default.
    public var showKeepalive = false
    /// Directions whose records are hidden.
    public var hiddenDirections: Set<Direction> = []
    private var regex: NSRegularExpression?

    /// A filter that shows everything.
    public init() {}

    /// Whether anything is being hidden.
    public var isActive: Bool { regex != nil || hideControlFrames || !hiddenDirections.isEmpty }

    /// Sets the pattern; `""` clears it. The match is case-insensitive unless the pattern has an upper-case
    /// letter (the "smart case" of vim and ripgrep), since most searches are typed in lower case.
    /// - Throws: ``LogFilterError`` when the pattern does not compile; the filter is left unchanged.
    public mutating func setPattern(_ newPattern: String) throws(LogFilterError) {
        if newPattern.isEmpty {
            pattern = ""
            regex = nil
            return
        }
        let options: NSRegularExpression.Options =
            newPattern.contains(where: { $0.isUppercase }) ? [] : [.caseInsensitive]
        do {
            regex = try NSRegularExpression(pattern: newPattern, options: options)
            pattern = newPattern
        } catch {
            throw LogFilterError(pattern: newPattern)
        }
    }

    /// Whether an entry passes. Its preview is built only when there is a pattern to match it against.
    public func matches(_ entry: LogEntry) -> Bool {
        let record = entry.record
        if hiddenDirections.contains(record.direction) { return false }
        if record.isControlFrame {
            if hideControlFrames { return false }
            if !showKeepalive && Keepalive.matches(record) { return false }
        }
        if let regex {
            let preview = entry.preview
            let range = NSRange(preview.startIndex..<preview.endIndex, in: preview)
            return regex.firstMatch(in: preview, options: [], range: range) != nil
        }
        return true
    }
}

/// A filter pattern that is not a valid regular expression.
public struct LogFilterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The pattern that failed.
    public var pattern: String
    /// Shown inline in the filter prompt.
    public var description: String { "invalid regular expression: \(SafeText.escape(pattern))" }
}
