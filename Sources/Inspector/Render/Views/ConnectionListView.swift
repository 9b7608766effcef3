import Foundation

/// The relay's connection list (`C`): one row per connection with its number, state, client address, path,
/// messages each way, held messages, intercept and age; the cursor row highlighted.
enum ConnectionListView {
    static func draw(
        _ state: InspectorState, cursor: Int, rect: Rect, hasTitle: Bool, now: Date, asciiOnly: Bool,
        palette: Palette, into canvas: inout some Canvas
    ) {
        canvas.fill(rect, style: palette[.normal])
        guard let relay = state.relay else { return }
        var top = rect.row
        if hasTitle {
            let shown = relay.selected.map { "showing #\($0)" } ?? "showing all"
            PaneTitle.draw(
                StyledLine("Connections \(relay.connections.count)", .title),
                right: StyledLine(shown + " · Enter show · * all · Esc close", .hint), row: top, rect: rect,
                focused: true, palette: palette, into: &canvas)
            top += 1
        }
        guard top < rect.row + rect.rows else { return }
        canvas.draw(header(asciiOnly: asciiOnly), row: top, col: rect.col, width: rect.cols, palette: palette)
        top += 1
        let height = rect.row + rect.rows - top
        guard height > 0 else { return }
        guard !relay.connections.isEmpty else {
            canvas.draw(StyledLine("no clients yet", .hint), row: top, col: rect.col, width: rect.cols, palette: palette)
            return
        }
        let first = max(0, min(cursor - height + 1, relay.connections.count - height))
        for (offset, connection) in relay.connections.dropFirst(max(0, first)).prefix(height).enumerated() {
            let index = max(0, first) + offset
            canvas.draw(
                line(for: connection, isShown: relay.selected == connection.number, now: now, asciiOnly: asciiOnly),
                row: top + offset, col: rect.col, width: rect.cols, palette: palette,
                override: index == cursor ? palette[.selection] : nil)
        }
    }

    static func header(asciiOnly: Bool) -> StyledLine {
        let toServer = asciiOnly ? "C->S" : "C→S"
        let toClient = asciiOnly ? "S->C" : "S→C"
        return StyledLine(
            "  " + DisplayWidth.pad("#", to: 5) + DisplayWidth.pad("STATE", to: 8) + DisplayWidth.padLeft(toServer, to: 7)
                + DisplayWidth.padLeft(toClient, to: 7) + DisplayWidth.padLeft("HELD", to: 6) + "  "
                + DisplayWidth.pad("INTERCEPT", to: 10) + DisplayWidth.padLeft("AGE", to: 8) + "  "
                + DisplayWidth.pad("PEER", to: 22) + "PATH", .label)
    }

    /// One connection's row; `isShown` marks the one the log shows.
    static func line(for connection: RelayConnection, isShown: Bool, now: Date, asciiOnly: Bool) -> StyledLine {
        let phase: (String, ThemeRole)
        switch connection.phase {
        case .open: phase = ("OPEN", .normal)
        case .ended: phase = ("CLOSED", .hint)
        case .refused: phase = ("REFUSED", .error)
        }
        var line = StyledLine()
        line.append(isShown ? "> " : "  ", .label)
        line.append(DisplayWidth.pad("#\(connection.number)", to: 5))
        line.append(DisplayWidth.pad(phase.0, to: 8), phase.1)
        line.append(DisplayWidth.padLeft("\(connection.toServer)", to: 7), .sent)
        line.append(DisplayWidth.padLeft("\(connection.toClient)", to: 7), .received)
        line.append(DisplayWidth.padLeft("\(connection.held)", to: 6), connection.held > 0 ? .error : .normal)
        line.append("  ")
        line.append(DisplayWidth.pad(connection.intercept.label(ascii: asciiOnly), to: 10))
        line.append(DisplayWidth.padLeft(age(since: connection.since, now: now), to: 8))
        line.append("  ")
        line.append(DisplayWidth.pad(SafeText.escape(connection.peer), to: 22))
        line.append(SafeText.escape(connection.path))
        return line
    }

    /// `12 s`, `4 min`, `2 h`: how long ago the connection opened.
    static func age(since: Date, now: Date) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(since)))
        if seconds < 120 { return "\(seconds) s" }
        if seconds < 7200 { return "\(seconds / 60) min" }
        return "\(seconds / 3600) h"
    }
}
