import Captures
import Foundation
import Inspector

/// How `/export` writes: whether credentials stay (`--har-secrets`), whether a HAR gets control frames and the
/// close (`--har-frames`), and the program named in a HAR's `creator`.
package struct ExportSettings: Sendable {
    /// Keep credentials (`--har-secrets`); otherwise they are hidden as in `--har` and `--record` files.
    package var showsSecrets: Bool
    /// Write control frames and `_webSocketClose` in a HAR (`--har-frames`).
    package var includeControlFrames: Bool
    /// The program and version a HAR names as its creator.
    package var creator: (name: String, version: String)

    /// Settings for `/export`.
    package init(
        showsSecrets: Bool = false, includeControlFrames: Bool = false, creator: (name: String, version: String) = ("wsinspect", "")
    ) {
        self.showsSecrets = showsSecrets
        self.includeControlFrames = includeControlFrames
        self.creator = creator
    }
}

/// The two formats a capture is written in, chosen by the file name.
package enum CaptureFormat: Sendable, Hashable {
    /// HAR 1.2 as Chrome writes it.
    case har
    /// The `--record` format, one JSON object per record.
    case jsonLines

    /// JSON Lines for a `.jsonl` or `.ndjson` name, HAR for any other.
    package init(forPath path: String) {
        let lower = path.lowercased()
        self = lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") ? .jsonLines : .har
    }
}

/// `/export FILE`: what the log holds now, written at once (atomically) as HAR or JSON Lines. Built from the log's
/// own records, so it needs no `--har`, holds every connection the log does (reconnects included) and, with
/// `--filtered`, only the rows the filter shows. What the log no longer holds cannot be written: the note and the
/// HAR's `comment` say when it dropped earlier records or cut long payloads (`--log-capacity`, `--log-memory`,
/// `--max-record-bytes`); `--har` collects the whole session beside the log for that.
package enum LogExport {
    /// Writes `log` (its shown rows with `filtered`) to `path`; returns the note for the log. `fallbackURL` names a
    /// connection whose upgrade the log no longer holds.
    package static func write(
        _ log: LogModel, filtered: Bool, to path: String, fallbackURL: String, settings: ExportSettings,
        connectionOf: ConnectionOf? = nil
    ) -> (text: String, isError: Bool) {
        var caveats: [String] = []
        if log.droppedCount > 0 {
            caveats.append("the log had dropped \(CountFormat.grouped(log.droppedCount)) earlier records")
        }
        let shown = filtered ? Set(log.shownRecords.map(\.id)) : nil
        return write(
            log.keptRecords, shown: shown, to: path, fallbackURL: fallbackURL, settings: settings, caveats: caveats,
            scope: filtered ? ", the rows the filter shows" : "", connectionOf: connectionOf)
    }

    /// Which connection a record belongs to (a number, and the URL its HAR entry gets), for a log that interleaves
    /// several connections' records (relay mode); `nil` for a record of none, which a HAR leaves out.
    package typealias ConnectionOf = (InspectorRecord) -> (number: Int, url: String)?

    /// Writes `records` (only those whose id is in `shown`, when given) to `path` as HAR or JSON Lines, by its
    /// name; `caveats` say what the records already miss. Returns the note: `HAR written to PATH: 2 connections,
    /// 14 messages` (then `scope`), with what is missing in parentheses (and in a HAR's `comment`), or the error.
    package static func write(
        _ records: [InspectorRecord], shown: Set<UInt64>?, to path: String, fallbackURL: String, settings: ExportSettings,
        caveats: [String] = [], scope: String = "", command: String = "/export", connectionOf: ConnectionOf? = nil
    ) -> (text: String, isError: Bool) {
        let format = CaptureFormat(forPath: path)
        var caveats = caveats
        let summary: String
        let text: String
        switch format {
        case .jsonLines:
            let written = shown.map { ids in records.filter { ids.contains($0.id) } } ?? records
            let cut = written.filter { $0.trim != nil }.count
            if cut > 0 { caveats.append("\(CountFormat.grouped(cut)) records cut to --max-record-bytes") }
            text = lines(written, showsSecrets: settings.showsSecrets)
            summary = "\(CountFormat.grouped(written.count)) record" + (written.count == 1 ? "" : "s")
        case .har:
            let built = capture(records, shown: shown, fallbackURL: fallbackURL, connectionOf: connectionOf)
            if built.cutMessages > 0 {
                caveats.append("\(CountFormat.grouped(built.cutMessages)) messages cut to --max-record-bytes")
            }
            if built.unfinishedMessages > 0 {
                caveats.append("\(CountFormat.grouped(built.unfinishedMessages)) unfinished messages left out")
            }
            var capture = built.capture
            if !settings.showsSecrets { capture = redacted(capture) }
            if !caveats.isEmpty { capture.comment = "incomplete: " + caveats.joined(separator: "; ") }
            (text, summary) = har(capture, settings: settings)
        }
        do {
            try HARFile.write(text, to: path, what: format == .har ? "HAR file" : "JSON Lines file")
        } catch {
            return ("\(command): \(error)", true)
        }
        let what = format == .har ? "HAR" : "JSON Lines"
        let note = "\(what) written to \(path): \(summary)\(scope)" + (caveats.isEmpty ? "" : " (" + caveats.joined(separator: "; ") + ")")
        return (note, false)
    }

    /// The capture of `records`: one connection per upgrade they hold, or with `connectionOf`, one per connection
    /// it names, built from that connection's records alone, in the order each first appears.
    static func capture(
        _ records: [InspectorRecord], shown: Set<UInt64>?, fallbackURL: String, connectionOf: ConnectionOf?
    ) -> RecordCapture.Result {
        let isShown = shown.map { ids in { (record: InspectorRecord) in ids.contains(record.id) } }
        guard let connectionOf else { return RecordCapture.capture(from: records, fallbackURL: fallbackURL, shown: isShown) }
        var order: [Int] = []
        var groups: [Int: (url: String, records: [InspectorRecord])] = [:]
        for record in records {
            guard let (number, url) = connectionOf(record) else { continue }
            if groups[number] == nil {
                order.append(number)
                groups[number] = (url, [])
            }
            groups[number]?.records.append(record)
        }
        var merged = RecordCapture.capture(from: [], fallbackURL: fallbackURL)
        for number in order {
            guard let group = groups[number] else { continue }
            let built = RecordCapture.capture(from: group.records, fallbackURL: group.url, shown: isShown)
            merged.capture.connections += built.capture.connections
            merged.cutMessages += built.cutMessages
            merged.unfinishedMessages += built.unfinishedMessages
        }
        return merged
    }

    /// The HAR text of `capture` and its summary (`2 connections, 14 messages`, counting what is written).
    package static func har(_ capture: Capture, settings: ExportSettings) -> (text: String, summary: String) {
        let text = HARWriter.har(capture, creator: settings.creator, includeControlFrames: settings.includeControlFrames)
        let connections = capture.connections.count
        let messages = capture.connections.reduce(0) { total, connection in
            total + connection.messages.filter { settings.includeControlFrames || $0.opcode == 1 || $0.opcode == 2 }.count
        }
        let summary =
            "\(connections) connection" + (connections == 1 ? "" : "s") + ", \(CountFormat.grouped(messages)) message"
            + (messages == 1 ? "" : "s")
        return (text, summary)
    }

    /// The JSON Lines text of `records`, credentials hidden unless `showsSecrets`, as `--record` writes them.
    static func lines(_ records: [InspectorRecord], showsSecrets: Bool) -> String {
        var text = ""
        for record in records {
            let hidden = showsSecrets ? nil : record.redacted()
            text += JSONLinesRecord.line(for: hidden ?? record, redacted: hidden != nil)
        }
        return text
    }

    /// `capture` with credentials hidden in URLs and headers, as `--har` hides them.
    static func redacted(_ capture: Capture) -> Capture {
        var capture = capture
        for index in capture.connections.indices {
            capture.connections[index].url = HARRedaction.url(capture.connections[index].url)
            capture.connections[index].requestHeaders = HARRedaction.headers(capture.connections[index].requestHeaders)
            capture.connections[index].responseHeaders = HARRedaction.headers(capture.connections[index].responseHeaders)
        }
        return capture
    }
}
