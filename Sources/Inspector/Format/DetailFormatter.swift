import Foundation
import WebSocketCore

/// The detail view's content for one record: a summary line, the payload (pretty-printed when it is JSON, wrapped
/// escaped text otherwise, a hex dump when binary), then the full frame breakdown of the hex pane.
public enum DetailFormatter {
    /// The lines for `record`, wrapped to `width` columns.
    public static func lines(for record: InspectorRecord, width: Int, clock: ClockFormat = ClockFormat())
        -> [StyledLine]
    {
        let width = max(1, width)
        var lines: [StyledLine] = []
        var summary = StyledLine()
        summary.append("#\(record.id) ", .hint)
        summary.append(clock.string(from: record.time), .time)
        summary.append(" " + record.direction.arrow + " ", .forDirection(record.direction))
        lines.append(summary)
        lines.append(StyledLine())

        if case .frame(let frame, let inflated) = record.kind, !(frame.header.rsv1 && inflated == nil) {
            let payload = inflated ?? frame.payload
            let opcode = frame.header.opcode
            let isText = opcode == .text || ((opcode == .continuation || opcode.isControl) && UTF8Validator.isValid(payload))
            if opcode == .close {
                lines.append(StyledLine(CloseFrameContent(payload: payload).summary, .opcodeClose))
            } else if isText {
                let role = ThemeRole.forDirection(record.direction)
                let body = prettyJSON(payload).map { [StyledLine("JSON", .title)] + SafeText.lines($0).map { StyledLine($0, role) } }
                    ?? SafeText.lines(payload).map { StyledLine($0, role) }
                lines += body
            } else if !payload.isEmpty {
                lines += HexDump.lines(payload, bytesPerLine: HexDump.bytesPerLine(fitting: width)) { _ in .payloadBytes }
            }
            lines.append(StyledLine())
        }
        lines += HexPaneFormatter.lines(for: record, bytesPerLine: HexDump.bytesPerLine(fitting: width))
        return lines.flatMap { wrap($0, width: width) }
    }

    /// The payload re-indented with sorted keys when it is a JSON object or array; `nil` otherwise.
    public static func prettyJSON(_ payload: [UInt8]) -> String? {
        guard let first = payload.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }),
            first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
        else { return nil }
        guard let object = try? JSONSerialization.jsonObject(with: Data(payload)),
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        else { return nil }
        // JSONSerialization writes control characters as \u escapes, but the result still passes through SafeText.
        return String(decoding: data, as: UTF8.self)
    }

    /// Hard-wraps a line at `width` columns without splitting wide characters, keeping each span's role.
    public static func wrap(_ line: StyledLine, width: Int) -> [StyledLine] {
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
