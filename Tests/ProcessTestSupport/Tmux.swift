import Foundation

/// A tmux server of its own (`tmux -L NAME`) with one window running a shell, driven like a person would:
/// `send-keys` in, `capture-pane` out. Every wait polls against a deadline; nothing sleeps blindly.
package final class Tmux {
    package let socket: String
    private let tmux: String

    /// Starts a detached session `cols`×`rows` running `sh` with a known prompt and `environment` exported.
    private init(name: String, cols: Int = 120, rows: Int = 40, environment: [String: String] = [:]) throws {
        guard let tmux = Tmux.locate() else { throw E2EError("tmux not found: run Scripts/bootstrap.sh") }
        self.tmux = tmux
        socket = "wsi-\(name)-\(getpid())-\(UUID().uuidString.prefix(6))"
        var exports = environment
        exports["PS1"] = "E2E-PROMPT$ "
        exports["TERM"] = "tmux-256color"
        exports["LANG"] = "C.UTF-8"
        let assignments = exports.sorted { $0.key < $1.key }.map { "\($0.key)=\(Tmux.quote($0.value))" }.joined(separator: " ")
        // -f /dev/null: no user configuration; set-clipboard on, so that an OSC 52 reaching tmux would show up
        // as a paste buffer and the hostile test can prove none did.
        try run(
            [
                "-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", "\(cols)", "-y", "\(rows)",
                "env \(assignments) sh",
            ], captureOutput: false)
        try run(["set-option", "-g", "set-clipboard", "on"])
        try run(["set-option", "-g", "allow-rename", "on"])
        try run(["set-option", "-g", "status", "off"])
    }

    /// Starts a session (see `init`) and waits for its shell's prompt.
    package static func start(name: String, cols: Int, rows: Int, environment: [String: String]) async throws -> Tmux {
        let tmux = try Tmux(name: name, cols: cols, rows: rows, environment: environment)
        try await tmux.waitFor("the shell prompt", timeout: 10) { $0.contains("E2E-PROMPT$") }
        return tmux
    }

    deinit { kill() }

    /// Ends the tmux server and everything in it, and removes its socket file.
    package func kill() {
        let path = try? display("#{socket_path}")
        _ = try? run(["kill-server"], allowFailure: true)
        if let path, !path.isEmpty { unlink(path) }
    }

    /// Types text literally.
    package func type(_ text: String) throws { try run(["send-keys", "-t", "main", "-l", text]) }

    /// Presses named keys (`Enter`, `Tab`, `C-c`, `Escape`, `Up`, …).
    package func press(_ keys: String...) throws { try run(["send-keys", "-t", "main"] + keys) }

    /// The visible screen as text, one line per row.
    package func capture() throws -> String { try run(["capture-pane", "-p", "-t", "main"]) }

    /// The visible screen with the SGR sequences tmux keeps for colours and attributes (`capture-pane -e`).
    package func captureStyled() throws -> String { try run(["capture-pane", "-p", "-e", "-t", "main"]) }

    /// A tmux format for the pane, e.g. `#{pane_title}`.
    package func display(_ format: String) throws -> String {
        try run(["display-message", "-p", "-t", "main", format]).trimmingCharacters(in: .newlines)
    }

    /// Pastes `text` as a terminal would: with `bracketed`, wrapped in the bracketed-paste markers when the
    /// program asked for them (`paste-buffer -p`); without, as plain input in one write, line feeds as CR.
    package func paste(_ text: String, bracketed: Bool) throws {
        try run(["set-buffer", "-b", "e2e-paste", "--", text])
        try run(["paste-buffer", "-b", "e2e-paste", "-d", "-t", "main"] + (bracketed ? ["-p"] : []))
    }

    /// Paste buffers tmux holds (an OSC 52 write would create one).
    package func buffers() throws -> String { try run(["list-buffers"], allowFailure: true) }

    /// The newest paste buffer's content, exactly (an OSC 52 write puts the clipboard text there).
    package func newestBuffer() throws -> String { try run(["show-buffer"], allowFailure: true) }

    /// Resizes the window.
    package func resize(cols: Int, rows: Int) throws {
        try run(["resize-window", "-t", "main", "-x", "\(cols)", "-y", "\(rows)"])
    }

    /// Polls the screen until `predicate` holds; throws with the last screen after `timeout` seconds. Between
    /// polls it sleeps without holding a thread of the cooperative pool, which every other test shares.
    @discardableResult
    package func waitFor(_ what: String, timeout: Double = 10, _ predicate: (String) -> Bool) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while true {
            screen = try capture()
            if predicate(screen) { return screen }
            if Date() > deadline { throw E2EError("timed out waiting for \(what); screen:\n\(screen)") }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Like ``waitFor(_:timeout:_:)``, but returns a screen only when the capture before it was the same, so a
    /// redraw caught half done is never read.
    @discardableResult
    package func waitForSettled(_ what: String, timeout: Double = 10, _ predicate: (String) -> Bool) async throws
        -> String
    {
        let deadline = Date().addingTimeInterval(timeout)
        var previous: String?
        while true {
            let screen = try capture()
            if predicate(screen) && screen == previous { return screen }
            previous = screen
            if Date() > deadline { throw E2EError("timed out waiting for \(what) to settle; screen:\n\(screen)") }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// What the mouse can do in ``mouse(_:row:col:)``.
    package enum MouseAction: Sendable {
        /// The left button goes down and up again, as a terminal reports a click (ncurses takes a press while
        /// it believes the button is still down for a drag).
        case click
        /// The wheel turns up.
        case wheelUp
        /// The wheel turns down.
        case wheelDown
    }

    /// Writes the mouse reports an xterm-like terminal sends (`ESC [ M` with button, column and row, each plus
    /// 32, 1-based) straight to the program, as `send-keys -H` bytes: tmux-256color's terminfo names this format,
    /// so ncurses decodes it once the program turned mouse reporting on. `row` and `col` are 0-based screen cells.
    package func mouse(_ action: MouseAction, row: Int, col: Int) throws {
        precondition(row < 95 && col < 95, "the report carries each cell in one ASCII byte")
        let buttons: [UInt8]
        switch action {
        case .click: buttons = [0, 3]  // left button down, then released
        case .wheelUp: buttons = [64]
        case .wheelDown: buttons = [65]
        }
        let bytes = buttons.flatMap { [0x1B, UInt8(ascii: "["), UInt8(ascii: "M"), 32 + $0, UInt8(33 + col), UInt8(33 + row)] }
        try run(["send-keys", "-t", "main", "-H"] + bytes.map { String($0, radix: 16) })
    }

    /// Runs a tmux command. `captureOutput: false` is for the command that starts the server: the server
    /// inherits the client's descriptors, so a pipe would never see end-of-file.
    @discardableResult
    private func run(_ arguments: [String], allowFailure: Bool = false, captureOutput: Bool = true) throws -> String {
        let (status, output) = try Spawn.run(tmux, ["-L", socket] + arguments, captureOutput: captureOutput)
        if status != 0 && !allowFailure {
            throw E2EError("tmux \(arguments.joined(separator: " ")) exited \(status)")
        }
        return output
    }

    private static func locate() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin"] {
            let candidate = "\(directory)/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Single-quotes for sh.
    package static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
