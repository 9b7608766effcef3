import Foundation

/// The top row: the connection state and the `PAUSED · n new` badge first (never cut), then URL, protocol,
/// extensions and route, and on the right traffic counts, ping RTT and dropped records. The URL gives way first.
enum StatusBarView {
    static func draw(_ state: InspectorState, rect: Rect, palette: Palette, now: Date, into canvas: inout some Canvas) {
        let status = state.status
        // What must stay visible however narrow the terminal: the state and, when paused, the badge.
        var head = StyledLine()
        let (stateText, stateRole) = stateLabel(status, now: now)
        head.append(" " + stateText + " ", stateRole)
        // Where keys go, in words, so focus does not depend on colours the terminal may not show.
        head.append(" " + state.activeContext.badge + " ", .statusState)
        if !state.log.isFollowing {
            head.append(" ", .statusBar)
            // Never more "new" than the log holds: the rest were dropped again, and the badge says so.
            var badge = " PAUSED · \(state.log.newWhilePausedShown) new "
            if state.log.newWhilePausedDropped > 0 { badge += "· \(state.log.newWhilePausedDropped) dropped " }
            head.append(badge, .pausedBadge)
        }

        var details = StyledLine()
        details.append(" " + SafeText.escape(status.url), .statusBar)
        if !status.protocolName.isEmpty { details.append("  proto " + SafeText.escape(status.protocolName), .statusBar) }
        if !status.extensions.isEmpty { details.append("  ext " + SafeText.escape(status.extensions), .statusBar) }
        if !status.route.isEmpty { details.append("  " + SafeText.escape(status.route), .statusBar) }

        let counters = state.log.counters
        var right = StyledLine()
        right.append("  → \(counters.sentFrames) fr \(ByteFormat.size(counters.sentBytes))  ", .statusBar)
        right.append("← \(counters.receivedFrames) fr \(ByteFormat.size(counters.receivedBytes))", .statusBar)
        if let rtt = status.lastPingRTT { right.append("  rtt " + formatRTT(rtt), .statusBar) }
        if state.log.droppedCount > 0 { right.append("  dropped \(state.log.droppedCount)", .statusBar) }
        // Records dropped to stay within --log-memory are named, so a short log is not mistaken for a quiet server.
        if state.log.droppedForMemory > 0 {
            right.append(" (\(state.log.droppedForMemory) for memory, limit \(ByteFormat.size(state.log.limits.memoryBudget)))",
                         .statusBar)
        }
        right.append(" ", .statusBar)

        canvas.fill(rect, style: palette[.statusBar])
        let headWidth = min(rect.cols, DisplayWidth.of(head.text))
        canvas.draw(head, row: rect.row, col: rect.col, width: headWidth, palette: palette, fill: .statusBar)
        let rest = rect.cols - headWidth
        guard rest > 0 else { return }
        let rightWidth = min(rest, DisplayWidth.of(right.text))
        let detailsWidth = rest - rightWidth
        if detailsWidth > 0 {
            canvas.draw(details, row: rect.row, col: rect.col + headWidth, width: detailsWidth, palette: palette,
                        fill: .statusBar)
        }
        canvas.draw(right, row: rect.row, col: rect.col + headWidth + detailsWidth, width: rightWidth,
                    palette: palette, fill: .statusBar)
    }

    static func stateLabel(_ status: ConnectionStatus, now: Date) -> (String, ThemeRole) {
        if let error = status.errorText, !error.isEmpty {
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
                return ("CLOSED · " + CloseWords.weSentServerAnswered(ours: ours, code: code, reason: reason),
                        agreed ? .statusState : .error)
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
