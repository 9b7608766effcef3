import Foundation
import WebSockets

/// The top row: the connection state, the focus and the `PAUSED · n new` badge first (never cut), then URL,
/// protocol, extensions and route, and on the right traffic counts, dropped records and ping RTT, then the last
/// minute's rates and sparkline. On a narrow terminal the rates and sparkline go first, then the URL shrinks to its
/// host and port, then the other right-hand parts go, RTT first (``StatusBarFit``).
enum StatusBarView {
    /// Cells of the received-rate sparkline: the last minute, three seconds a cell.
    static let sparklineCells = 20

    static func draw(
        _ state: InspectorState, rect: Rect, palette: Palette, now: Date, asciiOnly: Bool = false,
        into canvas: inout some Canvas
    ) {
        let status = state.status
        // What must stay visible however narrow the terminal: the state and, when paused, the badge.
        var head = StyledLine()
        let (stateText, stateRole) =
            state.captureSummary != nil
            ? ("CAPTURE", .statusState)
            : state.relay != nil ? ("RELAY", .statusState) : stateLabel(status, now: now, showsSecrets: state.showsSecrets)
        head.append(" " + stateText + " ", stateRole)
        // Where keys go, in words, so focus does not depend on colours the terminal may not show.
        // The prompt is a filter's or a search's; the focus names which.
        let focus =
            state.prompt.map { prompt -> String in
                switch prompt.kind {
                case .search: return "SEARCH"
                case .filter: return "FILTER"
                case .savePath, .confirmOverwrite: return "SAVE"
                case .replayURL: return "REPLAY"
                }
            } ?? state.activeContext.badge
        head.append(" " + focus + " ", .statusState)
        if let relay = state.relay { head.append(RelayStatusParts.badge(relay), .pausedBadge) }
        if !state.log.isFollowing {
            head.append(" ", .statusBar)
            // Never more "new" than the log holds: the rest were dropped again, and the badge says so.
            var badge = " PAUSED · \(state.log.newWhilePausedShown) new "
            if state.log.newWhilePausedDropped > 0 { badge += "· \(state.log.newWhilePausedDropped) dropped " }
            head.append(badge, .pausedBadge)
        }

        // The URL in three sizes, richest first; StatusBarFit picks the richest that leaves room for the counters.
        var details = StyledLine()
        details.append(" " + SafeText.escape(state.showsSecrets ? status.url : Redaction.url(status.url)), .statusBar)
        var urlOnly = details
        if !status.protocolName.isEmpty { details.append("  proto " + SafeText.escape(status.protocolName), .statusBar) }
        if !status.extensions.isEmpty { details.append("  ext " + SafeText.escape(status.extensions), .statusBar) }
        if !status.route.isEmpty { details.append("  " + SafeText.escape(status.route), .statusBar) }
        var hostOnly = StyledLine(" " + SafeText.escape(StatusBarFit.hostAndPort(Redaction.url(status.url))), .statusBar)
        if let relay = state.relay {
            details = RelayStatusParts.details(state, relay, asciiOnly: asciiOnly)
            urlOnly = details
            hostOnly = details
        }

        // The right-hand parts in the order they are kept longest: counters, dropped records, round-trip time.
        let counters = state.log.counters
        var parts: [StyledLine] = []
        parts.append(
            StyledLine(
                "  → \(counters.sentFrames) fr \(ByteFormat.size(counters.sentBytes))  "
                    + "← \(counters.receivedFrames) fr \(ByteFormat.size(counters.receivedBytes))", .statusBar))
        if state.log.droppedCount > 0 {
            var dropped = "  dropped \(state.log.droppedCount)"
            // Records dropped to stay within --log-memory are named, so a short log is not mistaken for a quiet
            // server.
            if state.log.droppedForMemory > 0 {
                let limit = ByteFormat.size(state.log.limits.memoryBudget)
                dropped += " (\(state.log.droppedForMemory) for memory, limit \(limit))"
            }
            parts.append(StyledLine(dropped, .statusBar))
        }
        if let rtt = status.lastPingRTT { parts.append(StyledLine("  rtt " + formatRTT(rtt), .statusBar)) }
        // Hidden from the log by default, so counted here (among the first things to go on a narrow terminal).
        if counters.keepalivePings > 0 {
            parts.append(StyledLine("  keepalive \(counters.keepalivePings)", .statusBar))
        }
        // Rates only while there is traffic to measure, and only a live connection's: a capture's times are past.
        let rates = state.captureSummary == nil ? rateParts(counters, now: now, asciiOnly: asciiOnly) : []

        canvas.fill(rect, style: palette[.statusBar])
        let headWidth = min(rect.cols, DisplayWidth.of(head.text))
        canvas.draw(head, row: rect.row, col: rect.col, width: headWidth, palette: palette, fill: .statusBar)
        let rest = rect.cols - headWidth
        guard rest > 0 else { return }
        let forms = [details, urlOnly, hostOnly]
        let fit = StatusBarFit.choose(details: forms, right: parts, width: rest).adding(
            rates, besideAll: parts, forms: forms, width: rest)
        let rightWidth = min(rest, DisplayWidth.of(fit.right.text))
        let detailsWidth = rest - rightWidth
        if detailsWidth > 0 {
            canvas.draw(
                fit.details, row: rect.row, col: rect.col + headWidth, width: detailsWidth, palette: palette,
                fill: .statusBar)
        }
        if rightWidth > 0 {
            canvas.draw(
                fit.right, row: rect.row, col: rect.col + headWidth + detailsWidth, width: rightWidth,
                palette: palette, fill: .statusBar)
        }
    }

    /// `  5 s → 2.0/s 84 B/s ← 1.2k/s 3.4 MiB/s` and the received sparkline, when the last minute saw traffic.
    static func rateParts(_ counters: TrafficCounters, now: Date, asciiOnly: Bool) -> [StyledLine] {
        let seconds = now.timeIntervalSince1970
        guard counters.receivedRate.isActive(at: seconds) || counters.sentRate.isActive(at: seconds) else { return [] }
        let sent = counters.sentRate.rate(at: seconds)
        let received = counters.receivedRate.rate(at: seconds)
        let rates =
            "  5 s → \(RateFormat.messages(sent.messages)) \(RateFormat.bytes(sent.bytes))"
            + " ← \(RateFormat.messages(received.messages)) \(RateFormat.bytes(received.bytes))"
        let history = counters.receivedRate.messageHistory(before: seconds)
        let line = Sparkline.draw(history, cells: sparklineCells, ascii: asciiOnly)
        return [StyledLine(rates, .statusBar), StyledLine("  ← 60 s " + line, .statusBar)]
    }

    static func stateLabel(_ status: ConnectionStatus, now: Date, showsSecrets: Bool = false) -> (String, ThemeRole) {
        // Waiting to reconnect says so above all: the close or error that caused it is in the log's divider.
        if let reconnect = status.reconnect { return (reconnect.label(now: now), .statusState) }
        if var error = status.errorText, !error.isEmpty {
            if !showsSecrets { error = Redaction.urls(in: error) }
            let prefix: String
            switch status.state {
            case .connecting: prefix = "CONNECTING"
            case .open: prefix = "OPEN"
            case .closing: prefix = "CLOSING"
            case .closed: prefix = "CLOSED"
            }
            return (prefix + " · " + SafeText.escape(error), .error)
        }
        switch status.state {
        case .connecting: return ("CONNECTING" + ElapsedFormat.count(since: status.connectingSince, now: now), .statusState)
        case .open: return ("OPEN", .statusState)
        case .closing: return ("CLOSING", .statusState)
        case .closed(let code, let reason):
            guard let code else { return ("CLOSED", .statusState) }
            if let ours = status.ourClose {
                let agreed = code == ours.code || code == 1000
                return (
                    "CLOSED · " + CloseWords.weSentServerAnswered(ours: ours, code: code, reason: reason),
                    agreed ? .statusState : .error
                )
            }
            var payload = [UInt8(code >> 8), UInt8(code & 0xFF)]
            payload += Array(reason.utf8)
            return ("CLOSED " + CloseFrameContent(payload: payload).summary, code == 1000 ? .statusState : .error)
        }
    }

    static func formatRTT(_ seconds: Double) -> String {
        let ms = seconds * 1000
        if ms < 10 { return String(Int((ms * 100).rounded()) / 100) + "." + two(Int((ms * 100).rounded()) % 100) + " ms" }
        if ms < 1000 { return String(Int(ms.rounded())) + " ms" }
        return String(Int((seconds * 10).rounded()) / 10) + "." + String(Int((seconds * 10).rounded()) % 10) + " s"
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
