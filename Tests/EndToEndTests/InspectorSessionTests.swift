import Foundation
import ProcessTestSupport
import Testing

extension EndToEnd {
    /// The inspector in a real terminal (tmux, 120×40) against the project's echo server: what a person does first.
    @Suite("Inspector in tmux", .serialized)
    struct InspectorSessionTests {
        @Test("send, echo, hex, compose modes, ping, close, resize, quit")
        func fullSession() async throws {
            try await withServer { server in
                try await withTmux("session") { tmux in
                    try tmux.type(try inspectorCommand([server.url + "/echo"]))
                    try tmux.press("Enter")
                    try await tmux.waitFor("OPEN in the status bar") { $0.screenLines.first?.contains("OPEN") == true }

                    // Into compose (the inspector starts in the log), then type a message: it is sent (→) and echoed (←).
                    try tmux.press("i")
                    try tmux.type("hello-e2e")
                    try tmux.press("Enter")
                    var screen = try await tmux.waitFor("the echo") {
                        $0.hasLine(containing: "→ TEXT", "hello-e2e") && $0.hasLine(containing: "← TEXT", "hello-e2e")
                    }
                    // Following: the echo is selected and its exact wire bytes are in the hex pane (unmasked server frame).
                    #expect(screen.contains("81 09 68 65 6c 6c 6f 2d  65 32 65"), "hex of the echo:\n\(screen)")

                    // Select the sent frame: it is masked, so the pane shows the key and the unmasked payload too.
                    try tmux.press("Tab")
                    try tmux.press("k")
                    screen = try await tmux.waitFor("the sent frame's hex") { $0.contains("MASK 1") && $0.contains("PAUSED") }
                    #expect(screen.contains("68 65 6c 6c 6f 2d 65 32  65"), "unmasked payload:\n\(screen)")
                    try tmux.press("G")
                    try tmux.press("i")

                    // Hex mode: four bytes go out as binary and come back.
                    try tmux.press("C-t")
                    try await tmux.waitFor("HEX mode") { $0.contains("HEX") }
                    try tmux.type("de ad be ef")
                    try tmux.press("Enter")
                    try await tmux.waitFor("the binary echo") { $0.hasLine(containing: "← BINARY", "de ad be ef") }

                    // Base64 mode.
                    try tmux.press("C-t")
                    try await tmux.waitFor("BASE64 mode") { $0.contains("BASE64") }
                    try tmux.type("AQID")
                    try tmux.press("Enter")
                    try await tmux.waitFor("the base64 echo") { $0.hasLine(containing: "← BINARY", "01 02 03") }
                    try tmux.press("C-t")
                    try await tmux.waitFor("TEXT mode") { $0.contains("TEXT") && !$0.contains("BASE64 ") }

                    // /ping: the pong arrives and its round-trip time shows in the status bar.
                    try tmux.type("/ping hi")
                    try tmux.press("Enter")
                    try await tmux.waitFor("the RTT") { $0.screenLines.first?.contains("rtt ") == true && $0.hasLine(containing: "← PONG") }

                    // /close 4000 bye: the status bar says so.
                    try tmux.type("/close 4000 bye")
                    try tmux.press("Enter")
                    screen = try await tmux.waitFor("CLOSED 4000 bye") {
                        guard let status = $0.screenLines.first else { return false }
                        return status.contains("CLOSED") && status.contains("4000") && status.contains("bye")
                    }

                    // Resize to 80×24: status bar, log and compose box are all there and nothing spills over.
                    try tmux.resize(cols: 80, rows: 24)
                    screen = try await tmux.waitFor("the 80×24 layout") { screen in
                        let lines = screen.screenLines
                        return lines.first?.contains("CLOSED") == true && screen.contains("Compose")
                            && screen.contains("Log") && screen.hasLine(containing: "hello-e2e")
                    }
                    let lines = screen.screenLines.filter { !$0.isEmpty }
                    #expect(lines.count <= 24)
                    #expect(try tmux.display("#{window_width}x#{window_height}") == "80x24")

                    // Quit from the log with q: the shell prompt is back and the alternate screen was left.
                    try tmux.press("Tab")
                    try tmux.press("q")
                    screen = try await tmux.waitFor("the shell prompt after quitting") { $0.contains("EXIT=0") }
                    #expect(try tmux.display("#{alternate_on}") == "0")
                    try await tmux.waitFor("a fresh prompt") {
                        $0.screenLines.last(where: { !$0.isEmpty })?.hasPrefix("E2E-PROMPT$") == true
                    }
                }
            }
        }

        @Test("Ctrl-C quits and restores the terminal")
        func ctrlCRestores() async throws {
            try await withServer { server in
                try await withTmux("ctrlc") { tmux in
                    try tmux.type(try inspectorCommand([server.url + "/echo"]))
                    try tmux.press("Enter")
                    try await tmux.waitFor("OPEN") { $0.screenLines.first?.contains("OPEN") == true }
                    #expect(try tmux.display("#{alternate_on}") == "1")
                    try tmux.press("C-c")
                    try await tmux.waitFor("the exit status") { $0.contains("EXIT=0") }
                    #expect(try tmux.display("#{alternate_on}") == "0")
                    // Echo and line mode are back: typed text shows up at the prompt.
                    try tmux.type("echo restored-ok")
                    try tmux.press("Enter")
                    try await tmux.waitFor("the shell to echo") {
                        $0.hasLine(containing: "restored-ok") && !$0.hasLine(containing: "echo restored-ok", "EXIT")
                    }
                }
            }
        }

        @Test("SIGTERM quits and restores the terminal")
        func sigtermRestores() async throws {
            try await withServer { server in
                try await withTmux("sigterm") { tmux in
                    try tmux.type(try inspectorCommand([server.url + "/echo"]))
                    try tmux.press("Enter")
                    try await tmux.waitFor("OPEN") { $0.screenLines.first?.contains("OPEN") == true }
                    let pid = try tmux.display("#{pane_pid}")
                    // The shell's only child is wsinspect.
                    let child = try childProcess(of: pid)
                    #expect(child > 0)
                    kill(child, SIGTERM)
                    try await tmux.waitFor("the exit status") { $0.contains("EXIT=") }
                    #expect(try tmux.display("#{alternate_on}") == "0")
                }
            }
        }

        @Test("a hostile server changes nothing on the terminal")
        func hostileServer() async throws {
            try await withServer { server in
                try await withTmux("hostile") { tmux in
                    let titleBefore = try tmux.display("#{pane_title}")
                    try tmux.type(try inspectorCommand([server.url + "/hostile"]))
                    try tmux.press("Enter")
                    let screen = try await tmux.waitFor("the hostile messages as placeholders") {
                        $0.contains("␛]0;pwned title␇title set") && $0.contains("screen cleared")
                            && $0.hasLine(containing: "← BINARY", "ff fe c0 80")
                    }
                    #expect(screen.contains("␛[2J␛[Hscreen cleared"))
                    #expect(screen.contains("\\x9b31mred via C1 CSI"))
                    #expect(screen.contains("invoice<U+202E>txt.exe"))
                    #expect(try tmux.display("#{pane_title}") == titleBefore)
                    #expect(try tmux.buffers().isEmpty, "an OSC 52 write reached tmux")
                    // The status bar survived (no clear screen happened).
                    #expect(screen.screenLines.first?.contains("OPEN") == true)
                    try tmux.press("C-c")
                    try await tmux.waitFor("the exit status") { $0.contains("EXIT=0") }
                    #expect(try tmux.display("#{pane_title}") == titleBefore)
                }
            }
        }

        @Test("a flood is drawn at a bounded frame rate and keys still show within a frame")
        func floodCoalesces() async throws {
            try await withServer { server in
                try await withTmux("flood") { tmux in
                    let stats = try makeTemporaryDirectory("stats").appendingPathComponent("frames")
                    defer { try? FileManager.default.removeItem(at: stats.deletingLastPathComponent()) }
                    let command =
                        "WSINSPECT_FRAME_STATS=\(Tmux.quote(stats.path)) "
                        + (try inspectorCommand(["--log-capacity", "5000", server.url + "/flood?count=400000&size=8"]))
                    try tmux.type(command)
                    try tmux.press("Enter")
                    try await tmux.waitFor("flood traffic") { $0.hasLine(containing: "← TEXT") }
                    // While the flood runs, a typed key must appear promptly.
                    try tmux.press("i")
                    try tmux.type("typed-during-flood")
                    try await tmux.waitFor("the typed text", timeout: 3) { $0.contains("typed-during-flood") }
                    try tmux.press("C-c")
                    try await tmux.waitFor("the exit status", timeout: 20) { $0.contains("EXIT=0") }
                    let report = try String(contentsOf: stats, encoding: .utf8)
                    let fields = Dictionary(
                        uniqueKeysWithValues: report.split(whereSeparator: { $0 == " " || $0 == "\n" })
                            .compactMap { pair -> (String, Double)? in
                                let parts = pair.split(separator: "=")
                                guard parts.count == 2, let value = Double(parts[1]) else { return nil }
                                return (String(parts[0]), value)
                            })
                    let frames = fields["frames"] ?? .infinity
                    let seconds = fields["seconds"] ?? 0
                    #expect(frames / max(seconds, 1) <= 62, "drew \(frames) frames in \(seconds) s")
                }
            }
        }
    }
}

/// The first child of process `pid`, found with `pgrep -P`.
private func childProcess(of pid: String) throws -> pid_t {
    let (_, output) = try Spawn.run("/usr/bin/pgrep", ["-P", pid], captureOutput: true)
    return pid_t(output.split(separator: "\n").first.map(String.init) ?? "") ?? 0
}
