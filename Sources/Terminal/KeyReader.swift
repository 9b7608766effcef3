import CNCurses
import Inspector

/// Reads every key waiting on the terminal without blocking, on the UI thread, through an ``InputDecoder``
/// (which keeps a bracketed paste whole across reads).
struct KeyReader {
    /// A paste can be large; one read takes at most this many inputs so a frame is never starved (the rest stays
    /// in the tty buffer for the next turn).
    static let batchLimit = 4096

    private let window: CursesWindow
    private var decoder = InputDecoder()

    /// Reads from `window`, which must have `keypad` on.
    init(window: CursesWindow) {
        self.window = window
    }

    /// The keys typed since the last call, oldest first; empty when none are waiting.
    mutating func readAvailable() -> [Key] {
        wtimeout(window, 0)
        var inputs: [RawInput] = []
        var complete = true
        while true {
            if inputs.count >= Self.batchLimit {
                complete = false
                break
            }
            guard let input = next() else { break }
            inputs.append(input)
        }
        return decoder.decode(inputs, complete: complete)
    }

    /// The mouse event ncurses holds, as a key; one the inspector has no use for (a release) becomes no key.
    private static func mouseEvent() -> RawInput {
        var row: Int32 = 0
        var col: Int32 = 0
        switch wsi_get_mouse(&row, &col) {
        case 1: return .mouse(.mouse(.press, row: Int(row), col: Int(col)))
        case 4: return .mouse(.mouse(.wheelUp, row: Int(row), col: Int(col)))
        case 5: return .mouse(.mouse(.wheelDown, row: Int(row), col: Int(col)))
        // An unknown key code, which decodes to no key.
        default: return .keyCode(-1)
        }
    }

    private func next() -> RawInput? {
        var value: wint_t = 0
        let result = wget_wch(window, &value)
        if result == wsi_key_code_yes() {
            // The event must be taken now: the next KEY_MOUSE would replace it.
            if Int32(value) == wsi_key_mouse() { return Self.mouseEvent() }
            return .keyCode(Int32(value))
        }
        if result == wsi_err() { return nil }
        return .character(UInt32(value))
    }
}
