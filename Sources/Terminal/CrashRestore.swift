import Foundation

/// A last resort for a crash while the screen is up: a handler for fatal signals (a Swift trap is `SIGILL` or
/// `SIGTRAP`) that puts the saved terminal modes back, leaves the alternate screen and shows the cursor, then lets
/// the signal kill the process as before. The handler makes only async-signal-safe calls (`tcsetattr`, `write`,
/// `signal`, `raise`) on memory prepared before it was installed.
enum CrashRestore {
    /// The modes from before ncurses changed them. Written by `saveModes()` on the UI thread before the handlers
    /// are installed, and afterwards only read (by the handler), so there is no concurrent access.
    nonisolated(unsafe) private static var savedModes = termios()
    /// Whether `savedModes` holds anything.
    nonisolated(unsafe) private static var haveModes = false
    /// Bracketed paste off, `rmcup` (leave the alternate screen) and `cnorm` (show the cursor) for xterm-like terminals, which is what
    /// terminal emulators in use understand. Built before installation: nothing is allocated in the handler.
    nonisolated(unsafe) private static var restoreSequence: UnsafeMutableBufferPointer<UInt8>?
    private static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT]

    /// Reads the terminal's modes; call before ncurses starts.
    static func saveModes() {
        haveModes = tcgetattr(STDIN_FILENO, &savedModes) == 0
        if restoreSequence == nil {
            let bytes = Array("\u{1B}[?1000l\u{1B}[?1006l\u{1B}[?2004l\u{1B}[?1049l\u{1B}[?25h\r\n".utf8)
            let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
            _ = buffer.initialize(from: bytes)
            restoreSequence = buffer
        }
    }

    /// Installs the handlers.
    static func install() {
        for signal in fatalSignals { _ = setHandler(signal, handler) }
    }

    /// Puts the default actions back once the terminal has been restored normally.
    static func uninstall() {
        for signal in fatalSignals { _ = setHandler(signal, SIG_DFL) }
    }

    private static func setHandler(_ signal: Int32, _ action: (@convention(c) (Int32) -> Void)?) -> Bool {
        var sa = sigaction()
        #if canImport(Glibc)
        sa.__sigaction_handler.sa_handler = action
        #else
        sa.__sigaction_u.__sa_handler = action
        #endif
        sigemptyset(&sa.sa_mask)
        sa.sa_flags = 0
        return sigaction(signal, &sa, nil) == 0
    }

    private static let handler: @convention(c) (Int32) -> Void = { signal in
        if CrashRestore.haveModes { tcsetattr(STDIN_FILENO, TCSANOW, &CrashRestore.savedModes) }
        if let bytes = CrashRestore.restoreSequence { _ = write(STDOUT_FILENO, bytes.baseAddress, bytes.count) }
        var sa = sigaction()
        #if canImport(Glibc)
        sa.__sigaction_handler.sa_handler = SIG_DFL
        #else
        sa.__sigaction_u.__sa_handler = SIG_DFL
        #endif
        sigaction(signal, &sa, nil)
        raise(signal)
    }
}
