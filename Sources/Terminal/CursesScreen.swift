import CNCurses
import Foundation
import Inspector

/// The terminal while the inspector owns it: ncurses started in raw, no-echo, `nonl`, keypad mode on the
/// alternate screen, colour pairs for the palette, and a guaranteed way back (``end()``).
///
/// Only the UI thread creates, draws on and ends a screen; ncurses is not thread-safe.
final class CursesScreen {
    /// How long ncurses waits after ESC for the rest of an escape sequence. Short, so Esc feels instant, but long
    /// enough for ESC + CR (Alt-Enter) from a terminal or tmux to arrive together.
    static let escapeDelayMilliseconds: Int32 = 25

    private let screen: OpaquePointer
    let window: CursesWindow
    private var pairs: ColorPairs
    /// Colours available, from `COLORS` (monochrome when the terminal has none).
    let depth: ColorDepth
    private var ended = false

    /// Takes over the terminal on stdin/stdout. Throws, leaving the terminal untouched, when stdin or stdout is
    /// not a terminal or `TERM` is unknown.
    init(theme: Theme, mouse: Bool = true) throws {
        guard StandardStreams.areTerminal else {
            throw TerminalError("the inspector needs a terminal on stdin and stdout (for pipes use --dump)")
        }
        Self.selectUTF8Locale()
        CrashRestore.saveModes()
        // newterm, unlike initscr, reports a bad TERM instead of exiting the process.
        // Our own FILE streams on the standard descriptors: Swift 6 will not read C's mutable `stdout` global.
        guard let output = fdopen(STDOUT_FILENO, "w"), let input = fdopen(STDIN_FILENO, "r") else {
            throw TerminalError("cannot open the terminal's descriptors: \(String(cString: strerror(errno)))")
        }
        guard let screen = newterm(nil, output, input) else {
            let term = ProcessInfo.processInfo.environment["TERM"] ?? "(unset)"
            throw TerminalError("cannot start the terminal: TERM=\(SafeText.escape(term)) is not in the terminfo database")
        }
        self.screen = screen
        window = wsi_stdscr()
        raw()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(Self.escapeDelayMilliseconds)
        // ncurses turns the terminal's mouse reporting on here and off again in endwin.
        if mouse { wsi_mouse_on() }
        var colors = 0
        var defaultColorsWork = false
        if has_colors() {
            start_color()
            defaultColorsWork = use_default_colors() != wsi_err()
            colors = Int(wsi_colors())
        }
        depth = ColorDepth(colors: colors)
        pairs = ColorPairs(
            styles: theme.palette(for: depth).distinctStyles, usesColor: depth != .monochrome,
            defaultColorsWork: defaultColorsWork)
        CrashRestore.install()
        // Bracketed paste: pasted text arrives between markers, so its line breaks are never Enter.
        fflush(output)
        Self.writeToTerminal(Self.bracketedPasteOn)
    }

    /// Asks the terminal to wrap pastes in `ESC [ 200 ~` … `ESC [ 201 ~`; terminals without it ignore this.
    static let bracketedPasteOn = "\u{1B}[?2004h"
    /// Turns bracketed paste off again, so the shell after us gets plain pastes.
    static let bracketedPasteOff = "\u{1B}[?2004l"

    private static func writeToTerminal(_ sequence: String) {
        let bytes = Array(sequence.utf8)
        _ = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    deinit {
        end()
        delscreen(screen)
    }

    /// The current size, which ncurses updates itself when it sees `SIGWINCH`.
    var size: TerminalSize { TerminalSize(rows: Int(getmaxy(window)), cols: Int(getmaxx(window))) }

    /// Draws a frame and shows the cursor where the renderer put it (or hides it).
    func draw(_ state: InspectorState, with renderer: InspectorRenderer) {
        var canvas = CursesCanvas(window: window, pairs: pairs)
        let result = renderer.render(state, into: &canvas)
        if let row = result.cursorRow, let col = result.cursorCol {
            wmove(window, Int32(row), Int32(col))
            curs_set(1)
        } else {
            curs_set(0)
        }
        wnoutrefresh(window)
        doupdate()
    }

    /// Leaves the alternate screen and restores the terminal's modes. Safe to call more than once.
    func end() {
        guard !ended else { return }
        ended = true
        curs_set(1)
        endwin()
        Self.writeToTerminal(Self.bracketedPasteOff)
        CrashRestore.uninstall()
    }

    /// ncursesw draws wide characters only under a UTF-8 locale; every placeholder (`␛`, `→`) needs one. The
    /// user's locale wins when it is UTF-8; otherwise C.UTF-8, which every glibc has.
    private static func selectUTF8Locale() {
        setlocale(LC_ALL, "")
        let current = setlocale(LC_CTYPE, nil).map { String(cString: $0) } ?? ""
        let normalized = current.lowercased().replacingOccurrences(of: "-", with: "")
        if normalized.hasSuffix(".utf8") || normalized.contains(".utf8@") { return }
        if setlocale(LC_CTYPE, "C.UTF-8") == nil { setlocale(LC_CTYPE, "C.utf8") }
    }
}

/// The process's standard streams.
package enum StandardStreams {
    /// Whether stdin and stdout are both a terminal, which the inspector needs.
    package static var areTerminal: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }
}
