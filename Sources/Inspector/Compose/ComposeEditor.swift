/// The compose box: a multi-line buffer, the mode, history, and the inline error from the last attempt.
package struct ComposeEditor: Sendable, Hashable {
    /// What is being typed.
    package var buffer = TextBuffer()
    /// How the buffer will be read.
    package var mode: ComposeMode = .text
    /// Sent inputs.
    package var history: ComposeHistory
    /// Why the last Enter sent nothing; cleared by the next edit.
    package private(set) var error: ComposeError?

    /// Creates an empty editor with a history.
    package init(history: ComposeHistory = ComposeHistory()) { self.history = history }

    /// Parses the buffer. On success the input goes into history and the buffer empties; on failure the buffer
    /// stays for fixing and ``error`` says what is wrong.
    package mutating func submit() -> ComposeAction? {
        let input = buffer.text
        switch ComposeParser.parse(input, mode: mode) {
        case .success(let action):
            history.record(input)
            buffer = TextBuffer()
            error = nil
            if case .setMode(let newMode) = action { mode = newMode }
            return action
        case .failure(let failure):
            error = failure
            return nil
        }
    }

    /// Applies an edit and clears the inline error, which described the text before the edit.
    package mutating func edit(_ change: (inout TextBuffer) -> Void) {
        change(&buffer)
        error = nil
    }

    /// Cycles text → hex → base64.
    package mutating func cycleMode() {
        mode = mode.next
        error = nil
    }

    /// Up: the previous line, or the previous history entry on the first line.
    package mutating func up() {
        if buffer.moveUp() { return }
        if let entry = history.previous(current: buffer.text) { buffer.setText(entry) }
        error = nil
    }

    /// Down: the next line, or the next history entry (then the draft) on the last line.
    package mutating func down() {
        if buffer.moveDown() { return }
        if let entry = history.next() { buffer.setText(entry) }
        error = nil
    }
}
