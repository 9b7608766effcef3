/// Edit and resend: `e` copies the selected message into the compose box, `.` sends it (or the marked rows)
/// again at once, `Space` marks rows.
extension InspectorState {
    /// `e`: the selected message into the compose box, in TEXT or HEX mode, with the focus there.
    mutating func editSelected() {
        guard captureSummary == nil, let item = log.selectedItem else { return }
        let payload = ResendPayload.of(item)
        // A draft being replaced goes into history, where Up finds it again.
        if case .success = payload, !compose.buffer.text.isEmpty { compose.history.record(compose.buffer.text) }
        switch payload {
        case .success(.text(let text)):
            compose.mode = .text
            // A text starting with "/" would be read as a command: "//" sends it as typed.
            compose.edit { $0.setText(text.hasPrefix("/") ? "/" + text : text) }
        case .success(.binary(let bytes)):
            compose.mode = .hex
            compose.edit { $0.setText(ByteFormat.hex(bytes)) }
        case .failure(let refusal):
            log.note("e: \(refusal)", isError: true)
            return
        }
        focus = .compose
    }

    /// `.`: the marked rows' messages in log order (then the marks are cleared), else the selected one.
    mutating func resend() -> [InspectorEffect] {
        guard captureSummary == nil else { return [] }
        if !marks.isEmpty {
            let effects = marks.sorted { $0.key < $1.key }.map(\.value.effect)
            marks = [:]
            log.resumeFollowing()
            return effects
        }
        guard let item = log.selectedItem else { return [] }
        switch ResendPayload.of(item) {
        case .success(let payload): return [payload.effect]
        case .failure(let refusal):
            log.note(".: \(refusal)", isError: true)
            return []
        }
    }

    /// `Space`: marks the selected row's message (or unmarks it) and moves to the next row.
    mutating func toggleMark() {
        guard captureSummary == nil, let item = log.selectedItem else { return }
        let id = item.firstRecord.id
        if marks[id] != nil {
            marks[id] = nil
        } else {
            switch ResendPayload.of(item) {
            case .success(let payload): marks[id] = payload
            case .failure(let refusal):
                log.note("space: \(refusal)", isError: true)
                return
            }
        }
        log.moveSelection(by: 1, viewportHeight: layout.logViewportHeight)
    }
}
