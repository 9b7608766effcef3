import Foundation

/// Sent inputs, browsed with Up/Down like a shell, and kept across runs in a file.
package struct ComposeHistory: Sendable, Hashable {
    /// The most entries kept (oldest go first).
    package let limit: Int
    /// Entries, oldest first.
    package private(set) var entries: [String] = []
    /// The entry being shown while browsing; `nil` when editing a fresh draft.
    private var browsing: Int?
    /// What was typed before browsing began, restored by stepping past the newest entry.
    private var draft = ""

    /// Creates an empty history.
    package init(limit: Int = 1000, entries: [String] = []) {
        self.limit = max(1, limit)
        self.entries = Array(entries.suffix(self.limit))
    }

    /// Adds a sent input (not a repeat of the newest one) and stops browsing.
    package mutating func record(_ entry: String) {
        browsing = nil
        guard !entry.isEmpty, entries.last != entry else { return }
        entries.append(entry)
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
    }

    /// The entry before the one shown; `current` is kept as the draft when browsing begins. `nil` at the oldest.
    package mutating func previous(current: String) -> String? {
        guard !entries.isEmpty else { return nil }
        let target: Int
        if let browsing {
            guard browsing > 0 else { return nil }
            target = browsing - 1
        } else {
            draft = current
            target = entries.count - 1
        }
        browsing = target
        return entries[target]
    }

    /// The entry after the one shown, or the draft after the newest; `nil` when not browsing.
    package mutating func next() -> String? {
        guard let browsing else { return nil }
        if browsing + 1 < entries.count {
            self.browsing = browsing + 1
            return entries[browsing + 1]
        }
        self.browsing = nil
        return draft
    }

    // MARK: - File

    /// The history file: `$XDG_STATE_HOME/wsinspect/history`, or `~/.local/state/wsinspect/history`. The XDG spec
    /// says a relative `XDG_STATE_HOME` is invalid and must be ignored. `nil` when neither variable helps.
    package static func defaultFileURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return URL(fileURLWithPath: state).appendingPathComponent("wsinspect").appendingPathComponent("history")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".local/state/wsinspect/history")
    }

    /// Reads a history file; a missing file is an empty history.
    package static func load(from url: URL, limit: Int = 1000) throws -> ComposeHistory {
        guard FileManager.default.fileExists(atPath: url.path) else { return ComposeHistory(limit: limit) }
        let text = try String(contentsOf: url, encoding: .utf8)
        let entries = text.split(separator: "\n", omittingEmptySubsequences: true).map { unescape(String($0)) }
        return ComposeHistory(limit: limit, entries: entries)
    }

    /// Writes the history, creating the directory, atomically (a crash mid-write keeps the old file).
    package func save(to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let text = entries.map(Self.escape).joined(separator: "\n") + (entries.isEmpty ? "" : "\n")
        try Data(text.utf8).write(to: url, options: .atomic)
    }

    /// One line per entry: a multi-line entry's breaks are written `\n` and backslashes `\\`.
    static func escape(_ entry: String) -> String {
        var out = ""
        for character in entry {
            switch character {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    static func unescape(_ line: String) -> String {
        var out = ""
        var escaping = false
        for character in line {
            if escaping {
                out.append(character == "n" ? "\n" : character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                out.append(character)
            }
        }
        return out
    }
}
