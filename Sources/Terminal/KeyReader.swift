import CNCurses
import Inspector

/// Reads every key waiting on the terminal without blocking, on the UI thread.
///
/// Alt (Meta) arrives as ESC followed by the key. ncurses (in keypad mode) already waits `ESCDELAY` for the rest
/// of an escape sequence, so by the time it hands back a lone ESC, whatever followed it within that delay is
/// already buffered: ESC + CR/LF becomes ``Key/altEnter``; ESC + anything else is Esc followed by that key (the
/// inspector binds no other Alt chords, and a key is never dropped); ESC with nothing after it is Esc.
struct KeyReader {
    private let window: CursesWindow

    /// Reads from `window`, which must have `keypad` on.
    init(window: CursesWindow) {
        self.window = window
    }

    /// The keys typed since the last call, oldest first; empty when none are waiting.
    func readAvailable() -> [Key] {
        wtimeout(window, 0)
        var keys: [Key] = []
        // A paste can be large; cap one batch so a frame is never starved (the rest stays in the tty buffer).
        while keys.count < 4096, let input = next() {
            if input == .character(27) {
                switch next() {
                case nil: keys.append(.escape)
                case .character(13)?, .character(10)?, .keyCode(KEY_ENTER)?: keys.append(.altEnter)
                case .character(27)?: keys.append(.escape); keys.append(.escape)
                case let other?:
                    // Esc then a key typed (or sent by a script) quicker than ESCDELAY: keep both, so no key is lost.
                    // The inspector binds no Alt chords besides Alt-Enter.
                    keys.append(.escape)
                    if let key = KeyDecoder.decode(other) { keys.append(key) }
                }
                continue
            }
            if let key = KeyDecoder.decode(input) { keys.append(key) }
        }
        return keys
    }

    private func next() -> RawInput? {
        var value: wint_t = 0
        let result = wget_wch(window, &value)
        if result == wsi_key_code_yes() { return .keyCode(Int32(value)) }
        if result == wsi_err() { return nil }
        return .character(UInt32(value))
    }
}
