/// Lays out one log row: `time arrow opcode flags size  preview`, fixed-width columns first so rows line up.
///
/// ```
/// 12:34:56.789 → TEXT   F       5 B  Hello
/// 12:34:56.790 ← CLOSE  F       5 B  1000 Normal Closure: bye
/// ```
/// The flags column holds `F` when FIN is set (`-` when more fragments follow) and `z` when RSV1 marks a
/// compressed (permessage-deflate) frame.
package struct LogRowFormatter: Sendable {
    /// Width of the fixed columns before the preview.
    package static let fixedWidth = 12 + 1 + 1 + 1 + 6 + 1 + 2 + 1 + 9 + 2

    private let clock: ClockFormat
    /// Whether previews show credentials (`--show-secrets`); hidden by default.
    private let showsSecrets: Bool

    /// Creates a row formatter using `clock` for the time column.
    package init(clock: ClockFormat = ClockFormat(), showsSecrets: Bool = false) {
        self.clock = clock
        self.showsSecrets = showsSecrets
    }

    /// The row's spans (not yet cut to a width). The preview is always the last span.
    package func line(for entry: LogEntry) -> StyledLine {
        line(for: .record(entry))
    }

    /// The row of `item` with `time` in the time column in place of the wall clock (see ``TimeColumnFormat``).
    package func line(for item: LogItem, time: String?) -> StyledLine {
        var line = line(for: item)
        if let time, !line.spans.isEmpty { line.spans[0].text = time }
        return line
    }

    /// The row of a record, or of a whole message in the message view: its first frame's time, its opcode, `×N`
    /// frames in the flags column (`…` after it while its last frame has not arrived), its size and the preview of
    /// its reassembled payload.
    package func line(for item: LogItem) -> StyledLine {
        guard case .message(let message) = item else { return recordLine(for: item) }
        let record = message.first
        let directionRole = ThemeRole.forDirection(record.direction)
        var line = lead(record, name: message.opcode.name, nameRole: .forOpcode(message.opcode.rawValue))
        let frames =
            "×\(message.frames.count)" + (message.isComplete ? "" : "…")
            + (message.isCompressed ? " z" : "")
        // Wider than the flags column when it must be: the size column gives up the room.
        line.append(DisplayWidth.pad(frames, to: max(2, DisplayWidth.of(frames))), .label)
        line.append(" ")
        let sizeWidth = max(1, 9 - max(0, DisplayWidth.of(frames) - 2))
        line.append(DisplayWidth.padLeft(ByteFormat.size(message.size), to: sizeWidth))
        line.append("  ")
        line.append(message.preview, directionRole)
        return line
    }

    private func recordLine(for item: LogItem) -> StyledLine {
        guard case .record(let entry) = item else { return StyledLine() }
        let record = entry.record
        let directionRole = ThemeRole.forDirection(record.direction)
        let (name, nameRole, flags, size, previewRole) = columns(for: record, directionRole: directionRole)
        var line = lead(record, name: name, nameRole: nameRole)
        line.append(DisplayWidth.pad(flags, to: 2), .label)
        line.append(" ")
        line.append(DisplayWidth.padLeft(size, to: 9))
        line.append("  ")
        line.append(entry.preview(showsSecrets: showsSecrets), previewRole)
        return line
    }

    /// The columns every row starts with: time, direction arrow, and the name column (opcode, HTTP, NOTE…).
    private func lead(_ record: InspectorRecord, name: String, nameRole: ThemeRole) -> StyledLine {
        var line = StyledLine()
        line.append(clock.string(from: record.time), .time)
        line.append(" ")
        line.append(record.direction.arrow, ThemeRole.forDirection(record.direction))
        line.append(" ")
        line.append(DisplayWidth.pad(name, to: 6), nameRole)
        line.append(" ")
        return line
    }

    private func columns(for record: InspectorRecord, directionRole: ThemeRole)
        -> (String, ThemeRole, String, String, ThemeRole)
    {
        switch record.kind {
        case .frame(let frame, let inflated):
            let header = frame.header
            let flags = (header.fin ? "F" : "-") + (header.rsv1 ? "z" : " ")
            // A payload the log cut shows its full size: the row describes the message, not what was kept of it.
            let size = ByteFormat.size(record.applicationCut?.fullCount ?? inflated?.count ?? frame.payload.count)
            return (header.opcode.name, .forOpcode(header.opcode.rawValue), flags, size, directionRole)
        case .handshakeRequest(let bytes), .handshakeResponse(let bytes):
            return ("HTTP", .handshake, "", ByteFormat.size(record.trim?.payload?.fullCount ?? bytes.count), .handshake)
        case .note(_, let isError):
            return isError ? ("ERROR", .error, "", "", .error) : ("NOTE", .local, "", "", .local)
        }
    }
}
