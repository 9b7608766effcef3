import Captures
import Foundation
import Inspector
import Session

/// A capture file as `open` and `replay` read it: a HAR (Chrome's, mitmproxy's, HTTP Toolkit's, ours) or our JSON
/// Lines record (`--record`, `/export FILE.jsonl`).
///
/// The format is told by the name (`.har`; `.jsonl`, `.ndjson`), else by the text: a first line that is a whole
/// JSON object without a `log` member is JSON Lines, anything else is read as a HAR.
struct CaptureFile {
    enum Content {
        case har(HARReader.Result)
        case jsonLines(JSONLinesReader.Result)
    }

    /// The path as given.
    let path: String
    /// What it held.
    let content: Content

    /// Reads `path`; a file that cannot be read, or is not a capture, is an error naming the place in it.
    static func read(_ path: String) throws(CaptureError) -> CaptureFile {
        let data = try CaptureError.contents(of: path)
        if isJSONLines(path: path, data) {
            return CaptureFile(path: path, content: .jsonLines(try JSONLinesReader.parse(data, file: path)))
        }
        return CaptureFile(path: path, content: .har(try HARReader.parse(data, file: path)))
    }

    /// Whether `data`, named `path`, is to be read as JSON Lines.
    static func isJSONLines(path: String, _ data: Data) -> Bool {
        let lower = path.lowercased()
        if lower.hasSuffix(".har") { return false }
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return true }
        return data.withUnsafeBytes { raw in
            let end = raw.firstIndex(of: 0x0A) ?? raw.count
            var scanner = JSONScanner(UnsafeRawBufferPointer(rebasing: raw[..<end]))
            do {
                try scanner.beginObject()
                var first = true
                while let key = try scanner.nextKey(&first) {
                    if scanner.token(key, is: "log") { return false }
                    try scanner.skipValue()
                }
                return scanner.atEnd()  // a whole object on the first line
            } catch {
                return false
            }
        }
    }

    /// How many records the log gets.
    var recordCount: Int {
        switch content {
        case .har(let result): return CaptureRecords.count(result.capture)
        case .jsonLines(let result): return result.records.count
        }
    }

    /// Calls `body` with each record in order.
    func forEachRecord(_ body: (consuming InspectorRecord) -> Void) {
        switch content {
        case .har(let result): CaptureRecords.forEach(result.capture, body)
        case .jsonLines(let result): for record in result.records { body(record) }
        }
    }

    /// The records as a list.
    var records: [InspectorRecord] {
        switch content {
        case .har(let result): return CaptureRecords.records(result.capture)
        case .jsonLines(let result): return result.records
        }
    }

    /// The connections and their whole messages, as a HAR holds them (for `replay`, and a HAR written from it).
    var capture: Capture {
        switch content {
        case .har(let result): return result.capture
        case .jsonLines(let result): return RecordCapture.capture(from: result.records, fallbackURL: Self.unknownURL).capture
        }
    }

    /// The URL given to a connection whose upgrade the records do not hold.
    static let unknownURL = "ws://unknown.invalid/"

    /// What the status bar and the dump's first line say: `x.har · 3 connections · 1 204 messages`.
    var summary: String {
        let connections: Int
        let messages: Int
        var extra = ""
        switch content {
        case .har(let result):
            connections = result.capture.connections.count
            // Data messages, as for JSON Lines: control frames (--har-frames) are rows but not messages.
            messages = result.capture.connections.reduce(0) { $0 + $1.messages.filter { $0.opcode < 8 }.count }
            if result.skippedEntries > 0 { extra = " · \(result.skippedEntries) other entries skipped" }
        case .jsonLines(let result):
            (connections, messages) = RecordCapture.summary(of: result.records)
            extra = " · \(CountFormat.grouped(result.records.count)) records"
            if result.renumbered { extra += ", numbered afresh" }
        }
        let connectionWords = connections == 1 ? "1 connection" : "\(CountFormat.grouped(connections)) connections"
        let messageWords = messages == 1 ? "1 message" : "\(CountFormat.grouped(messages)) messages"
        return "\(SafeText.escape(path)) · \(connectionWords) · \(messageWords)\(extra)"
    }

    /// Writes the capture to `target` (HAR or JSON Lines, by its name) as it is: nothing hidden, nothing added.
    /// A HAR written from a HAR keeps every field the reader read; from JSON Lines, what ``RecordCapture`` builds.
    func export(to target: String, includeControlFrames: Bool) -> (text: String, isError: Bool) {
        let settings = ExportSettings(
            showsSecrets: true, includeControlFrames: includeControlFrames, creator: ("wsinspect", WSInspectCommand.version))
        if case .har(let result) = content, CaptureFormat(forPath: target) == .har {
            let (text, summary) = LogExport.har(result.capture, settings: settings)
            do {
                try HARFile.write(text, to: target)
            } catch {
                return ("--export: \(error)", true)
            }
            return ("HAR written to \(target): \(summary)", false)
        }
        return LogExport.write(
            records, shown: nil, to: target, fallbackURL: Self.unknownURL, settings: settings, command: "--export")
    }
}
