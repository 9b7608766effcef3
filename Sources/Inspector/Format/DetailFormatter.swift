import Foundation
import WebSocketCore

/// The detail view's content for one record: a summary line (and what the log cut, if it cut the record), the
/// payload (pretty-printed when it is JSON, wrapped escaped text otherwise, a hex dump when binary), then the full
/// frame breakdown of the hex pane. Laid out by ``DetailDocument``, which makes only the lines asked for.
package enum DetailFormatter {
    /// The lines for `record`, wrapped to `width` columns: all of them (see ``DetailDocument`` to make only some).
    package static func lines(for record: InspectorRecord, width: Int, clock: ClockFormat = ClockFormat())
        -> [StyledLine]
    {
        let document = DetailDocument(record: record, width: width, clock: clock)
        return document.lines(from: 0, count: document.lineCount)
    }

    /// Up to `count` of the lines for `record` from line `start`: the same lines as the slice of
    /// ``lines(for:width:clock:)``, made without making the others.
    package static func lines(
        for record: InspectorRecord, width: Int, clock: ClockFormat = ClockFormat(), from start: Int, count: Int
    ) -> [StyledLine] {
        DetailDocument(record: record, width: width, clock: clock).lines(from: start, count: count)
    }

    /// How many lines ``lines(for:width:clock:)`` makes, without making them.
    package static func lineCount(for record: InspectorRecord, width: Int) -> Int {
        DetailDocument(record: record, width: width).lineCount
    }

    /// The lines for a record or a whole message, as ``lines(for:width:clock:)`` makes them for a record.
    package static func lines(for subject: DetailSubject, width: Int, clock: ClockFormat = ClockFormat())
        -> [StyledLine]
    {
        let document = DetailDocument(subject: subject, width: width, clock: clock)
        return document.lines(from: 0, count: document.lineCount)
    }

    /// The payload re-indented, keys in the order they were sent, when it is a JSON object or array; `nil`
    /// otherwise (see ``JSONPrettyPrinter``).
    package static func prettyJSON(_ payload: [UInt8]) -> String? {
        JSONPrettyPrinter.prettyPrinted(payload)
    }

    /// Hard-wraps a line at `width` columns without splitting wide characters, keeping each span's role.
    package static func wrap(_ line: StyledLine, width: Int) -> [StyledLine] {
        var result: [StyledLine] = []
        var current = StyledLine()
        var used = 0
        for span in line.spans {
            var rest = Substring(span.text)
            while !rest.isEmpty {
                let (head, headWidth) = DisplayWidth.prefix(rest, fitting: width - used)
                if head.isEmpty {
                    if used == 0 {
                        // A character wider than the whole line: emit it alone rather than loop forever.
                        current.append(String(rest.first!), span.role)
                        rest = rest.dropFirst()
                    }
                    result.append(current)
                    current = StyledLine()
                    used = 0
                    continue
                }
                current.append(String(head), span.role)
                used += headWidth
                rest = rest[head.endIndex...]
            }
        }
        result.append(current)
        return result
    }
}
