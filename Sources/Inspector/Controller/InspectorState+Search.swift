/// The filter and search prompts' Enter, and the search run in slices: ``advanceSearch(byteBudget:)`` looks at a
/// bounded amount of the log per call, and the UI loop calls it between keys until the search ends.
extension InspectorState {
    /// Bytes of payload the first slice reads, inside the key press: a search of a small log ends at once.
    package static let firstSliceBytes = 64 * 1024

    /// Runs what the prompt holds: sets the filter, starts a search (an empty search repeats the last one), or
    /// asks for a payload to be saved.
    mutating func applyPrompt() -> [InspectorEffect] {
        guard let prompt else { return [] }
        let text = prompt.input.text
        switch prompt.kind {
        case .savePath, .confirmOverwrite:
            return applySavePrompt(prompt.kind, text: text)
        case .replayURL(let connection):
            return applyReplayPrompt(connection: connection, text: text)
        case .filter:
            do {
                try log.setFilterPattern(text)
                self.prompt = nil
            } catch {
                self.prompt?.error = error.description
            }
        case .search(let direction):
            if !text.isEmpty {
                do {
                    search.pattern = try SearchPattern(text)
                } catch {
                    self.prompt?.error = error.description
                    return []
                }
            }
            self.prompt = nil
            search.direction = direction
            startSearch(direction)
        }
        return []
    }

    /// Starts a search for the last pattern from the selected row, or from the detail view's top line.
    mutating func startSearch(_ direction: SearchDirection) {
        guard let pattern = search.pattern else {
            search.notice = "no search yet: / searches forward, ? backward"
            return
        }
        search.notice = nil
        switch overlay {
        case .help, .connections:
            return
        case .detail(_, let scroll):
            search.job = .detail(DetailSearchScan(pattern: pattern, direction: direction, from: scroll))
        case nil:
            let scan = LogSearchScan(pattern: pattern, direction: direction, in: log, showsSecrets: showsSecrets)
            search.job = .log(scan)
        }
        advanceSearch(byteBudget: Self.firstSliceBytes)
    }

    /// Looks through about `byteBudget` bytes of payload (or lines of the detail view) for the search in
    /// progress; a match selects its row (or scrolls to its line) and ends the search. Returns whether it goes on.
    @discardableResult
    package mutating func advanceSearch(byteBudget: Int) -> Bool {
        switch search.job {
        case nil:
            return false
        case .log(var scan):
            let step = scan.advance(in: log, byteBudget: byteBudget, matchBudget: searchBudget)
            search.job = .log(scan)
            guard let report = finish(step, direction: scan.direction, slow: scan.slowReport) else { return true }
            if case .found(let row, _) = step { log.selectRow(row, viewportHeight: layout.logViewportHeight) }
            search.notice = report.isEmpty ? nil : report
        case .detail(var scan):
            guard case .detail(let subject, _) = overlay else {
                search.job = nil
                return false
            }
            let document = DetailDocument(
                subject: subject, width: layout.overlay?.cols ?? 1, reply: detailReply, relay: detailRelay)
            let step = scan.advance(in: document, lineBudget: max(64, byteBudget / 64), matchBudget: searchBudget)
            search.job = .detail(scan)
            let slow = scan.slowCount > 0 ? "regex too slow on \(scan.slowCount) lines, skipped" : nil
            guard let report = finish(step, direction: scan.direction, slow: slow) else { return true }
            if case .found(let line, _) = step {
                overlay = .detail(subject, scroll: clampScroll(line, lines: document.lineCount))
            }
            search.notice = report.isEmpty ? nil : report
        }
        return search.job != nil
    }

    /// Ends the job when `step` is not `.running`, and says what happened (`""` for a plain match).
    private mutating func finish(_ step: SearchStep, direction: SearchDirection, slow: String?) -> String? {
        var parts: [String] = []
        switch step {
        case .running:
            return nil
        case .found(_, let wrapped):
            if wrapped {
                parts.append(
                    direction == .forward
                        ? "search hit BOTTOM, continuing at TOP"
                        : "search hit TOP, continuing at BOTTOM")
            }
        case .notFound:
            parts.append("pattern not found: \(SafeText.escape(search.pattern?.text ?? ""))")
        }
        search.job = nil
        if let slow { parts.append(slow) }
        return parts.joined(separator: " · ")
    }
}
