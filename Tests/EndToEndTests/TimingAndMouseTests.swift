import Foundation
import ProcessTestSupport
import Testing

extension EndToEnd {
    /// Issue 21's timing and mouse in a real terminal: `t` and the time column, the status bar's rates and
    /// sparkline (blocks, or ASCII in the mono theme), the detail view's time since the last sent message, and
    /// clicks and the wheel as tmux delivers them (`--no-mouse` leaves them to the terminal).
    @Suite("Timing and mouse in tmux", .serialized)
    struct TimingAndMouseTests {
        func start(_ tmux: Tmux, _ arguments: [String]) async throws {
            try tmux.type(try inspectorCommand(arguments))
            try tmux.press("Enter")
            try await tmux.waitFor("OPEN") { $0.screenLines.first?.contains("OPEN") == true }
        }

        func send(_ tmux: Tmux, _ text: String, echo: String? = nil) async throws {
            try tmux.type(text)
            try tmux.press("Enter")
            try await tmux.waitFor("the echo of \(text)") { $0.hasLine(containing: "← TEXT", echo ?? text) }
        }

        @Test("t cycles the time column; the status bar shows rates and a sparkline; the detail view times the answer")
        func timing() async throws {
            try await withServer { server in
                try await withTmux("timing", cols: 160, rows: 40) { tmux in
                    try await checkTiming(tmux, server.url + "/echo")
                }
            }
        }

        func checkTiming(_ tmux: Tmux, _ url: String) async throws {
            // The default theme named, since the harness may set NO_COLOR, which picks mono.
            try await start(tmux, [url, "--compose", "--theme", "default"])
            try await send(tmux, "tick-1")
            try await send(tmux, "tick-2")
            // A received message in a whole second gone by is the tallest bar of the minute.
            var screen = try await tmux.waitForSettled("the rates and the sparkline") { screen in
                let bar = screen.screenLines.first ?? ""
                return bar.contains("5 s → ") && bar.contains("← 60 s ") && bar.contains("█")
            }
            #expect(screen.screenLines[0].contains("/s"), "\(screen.screenLines[0])")

            try tmux.press("Escape")
            try tmux.press("t")
            screen = try await tmux.waitForSettled("the time since connect") { $0.contains("time since connect") }
            // Every row counts from the handshake, in seconds to the millisecond, where the clock was.
            let echo = try #require(screen.screenLines.first { $0.contains("← TEXT") && $0.contains("tick-2") })
            #expect(echo.range(of: #"^\s*\+\d+\.\d{3} ← TEXT"#, options: .regularExpression) != nil, "\(echo)")

            try tmux.press("t")
            screen = try await tmux.waitForSettled("the time since the previous row") { $0.contains("time since previous row") }
            let delta = try #require(screen.screenLines.first { $0.contains("← TEXT") && $0.contains("tick-2") })
            #expect(delta.range(of: #"^\s*\+\d+\.\d{6} ← TEXT"#, options: .regularExpression) != nil, "\(delta)")

            // The newest row is tick-2's echo: its detail says how long after tick-2 was sent it came.
            try tmux.press("Enter")
            screen = try await tmux.waitForSettled("the detail view") { $0.contains("the last message sent before it") }
            #expect(
                screen.screenLines.contains {
                    $0.range(of: #"\d+\.\d{3} (ms|s) after #\d+, the last message sent before it"#, options: .regularExpression) != nil
                }, "\(screen)")
            try tmux.press("Escape")
            try tmux.press("t")
            try await tmux.waitForSettled("the clock again") { !$0.contains("time since") }
            try tmux.press("q")
            try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }

            // The mono theme draws the sparkline in ASCII.
            try await start(tmux, [url, "--compose", "--theme", "mono"])
            try await send(tmux, "tick-3")
            screen = try await tmux.waitForSettled("the ASCII sparkline") { screen in
                let bar = screen.screenLines.first ?? ""
                return bar.contains("← 60 s ") && bar.contains("#")
            }
            let bar = screen.screenLines[0]
            let line = String(bar[bar.range(of: "← 60 s ")!.upperBound...])
            #expect(!line.contains { "▁▂▃▄▅▆▇█".contains($0) }, "\(bar)")
            try tmux.press("Escape")
            try tmux.press("q")
            try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
        }

        @Test("a click selects a log row or focuses compose; the wheel moves through the log and the detail view")
        func mouse() async throws {
            try await withServer { server in
                try await withTmux("mouse", cols: 90, rows: 40) { tmux in
                    try await checkMouse(tmux, server.url + "/echo")
                }
            }
        }

        /// The record number in the detail view's title.
        func recordNumber(_ screen: String) -> Int? {
            guard let line = screen.screenLines.first(where: { $0.contains("─ Record #") }),
                let range = line.range(of: #"Record #\d+"#, options: .regularExpression)
            else { return nil }
            return Int(line[range].dropFirst("Record #".count))
        }

        /// Closes the detail view and waits for the log: a mouse report right behind the Escape would reach
        /// ncurses within its escape delay and read as Alt plus characters, which no person's click does.
        func closeDetail(_ tmux: Tmux) async throws {
            try tmux.press("Escape")
            try await tmux.waitForSettled("the log again") { !$0.contains("─ Record #") }
        }

        func checkMouse(_ tmux: Tmux, _ url: String) async throws {
            try await start(tmux, [url, "--compose"])
            for word in ["alpha", "beta", "gamma", "delta", "omega"] { try await send(tmux, word) }
            let json = "{" + (1...40).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + "}"
            try await send(tmux, json, echo: #"{"k1":1,"k2":2"#)
            #expect(try tmux.display("#{mouse_standard_flag}") == "1", "the inspector asked for mouse reports")
            try tmux.press("Escape")
            var screen = try await tmux.waitForSettled("the log focused") { $0.screenLines[0].contains(" LOG ") }

            // Click the row of the sent alpha: it is selected, follow pauses, Enter opens it.
            let row = try #require(screen.screenLines.firstIndex { $0.contains("→ TEXT") && $0.contains("alpha") })
            try tmux.mouse(.click, row: row, col: 30)
            try await tmux.waitForSettled("the pause") { $0.screenLines[0].contains("PAUSED") }
            try tmux.press("Enter")
            screen = try await tmux.waitForSettled("alpha's detail") { $0.contains("─ Record #") }
            let alpha = try #require(recordNumber(screen))
            #expect(screen.hasLine(containing: "alpha"), "\(screen)")
            try await closeDetail(tmux)

            // A notch of the wheel down moves the selection three rows: alpha's echo, beta, beta's echo.
            try tmux.mouse(.wheelDown, row: row, col: 30)
            try tmux.press("Enter")
            screen = try await tmux.waitForSettled("the detail three rows on") { self.recordNumber($0) != nil }
            #expect(recordNumber(screen) == alpha + 3, "\(screen)")
            #expect(screen.hasLine(containing: "beta"), "\(screen)")

            try tmux.press("Escape")

            // The wheel scrolls the detail view too, three lines a notch: the newest row is a JSON object taller
            // than the view, whose `"k1"` is its sixth line (summary, reply time, blank, JSON, brace).
            try tmux.press("G", "Enter")
            screen = try await tmux.waitForSettled("the JSON detail") { $0.contains(#""k1" : 1,"#) }
            try tmux.mouse(.wheelDown, row: 10, col: 10)
            try tmux.mouse(.wheelDown, row: 10, col: 10)
            screen = try await tmux.waitForSettled("the detail scrolled") { !$0.contains(#""k1" : 1,"#) }
            let first = screen.screenLines.firstIndex { $0.contains("─ Record #") }.map { screen.screenLines[$0 + 1] }
            #expect(first?.hasPrefix(#"  "k2" : 2,"#) == true, "six lines down:\n\(screen)")
            try await closeDetail(tmux)

            // A click on the compose box focuses it: typed text is sent, not taken as keys.
            let lines = try tmux.capture().screenLines
            let compose = try #require(lines.lastIndex { $0.contains("─ Compose") })
            try tmux.mouse(.click, row: compose + 1, col: 5)
            try await tmux.waitForSettled("compose focused") { $0.screenLines[0].contains(" COMPOSE ") }
            try await send(tmux, "zeta")
            try tmux.press("Escape")
            try tmux.press("q")
            try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }

            // --no-mouse leaves the mouse to the terminal: the program never asks for reports.
            try await start(tmux, [url, "--no-mouse"])
            #expect(try tmux.display("#{mouse_standard_flag}") == "0")
            try tmux.press("q")
            try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
        }
    }
}
