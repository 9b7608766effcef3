import Foundation
import ProcessTestSupport
import Testing

extension EndToEnd {
    /// Issue 21's reconnect, on-open script and edit-and-resend, in a real terminal (tmux) against the project's
    /// server: `/drop?after=N` echoes N messages and then drops TCP without a Close frame; `/echo` echoes.
    @Suite("Reconnect and resend in tmux", .serialized)
    struct ReconnectAndResendTests {
        @Test("--reconnect after the server drops: a divider, the second connection's traffic, the script sent again")
        func reconnectsAfterADropAndRunsTheScriptAgain() async throws {
            let directory = try makeTemporaryDirectory("on-open")
            defer { try? FileManager.default.removeItem(at: directory) }
            let script = directory.appendingPathComponent("open.txt")
            try Data("auth-token-7\n/wait ^auth-token-7$\nsubscribe-trades\n".utf8).write(to: script)
            try await withServer { server in
                try await withTmux("reconnect", rows: 100) { tmux in
                    try await checkReconnect(tmux, server.url + "/drop?after=2", script: script.path) {
                        server.statistics.connectionsUpgraded
                    }
                }
            }
        }

        func checkReconnect(_ tmux: Tmux, _ url: String, script: String, upgraded: () -> Int) async throws {
            try tmux.type(try inspectorCommand([url, "--reconnect", "--on-open", script]))
            try tmux.press("Enter")
            // The server upgrades a connection only after the last one was dropped: three means two reconnects.
            try await tmux.waitFor("three connections on the server") { _ in upgraded() >= 3 }
            // The log keeps going (each drop brings another connection): go to its start and read from there.
            try tmux.press("g")
            let screen = try await tmux.waitFor("the second connection's traffic") { screen in
                guard let divider = screen.screenLines.firstIndex(where: { $0.contains("── connection 2 · ") }) else {
                    return false
                }
                let after = screen.screenLines[divider...]
                return after.contains { $0.contains("← TEXT") && $0.contains("subscribe-trades") }
            }
            let lines = screen.screenLines
            let divider = try #require(lines.firstIndex { $0.contains("── connection 2 · ") })
            #expect(lines[divider].contains("after close 1006"), "\(screen)")
            let first = lines[..<divider]
            let second = lines[divider...]
            // What the server echoed is what it received: the script reached it on both connections, in order.
            for part in [first, second] {
                let sentAuth = part.firstIndex { $0.contains("→ TEXT") && $0.contains("auth-token-7") }
                let echoedAuth = part.firstIndex { $0.contains("← TEXT") && $0.contains("auth-token-7") }
                let sentSubscribe = part.firstIndex { $0.contains("→ TEXT") && $0.contains("subscribe-trades") }
                let echoedSubscribe = part.firstIndex { $0.contains("← TEXT") && $0.contains("subscribe-trades") }
                #expect(
                    sentAuth != nil && echoedAuth != nil && sentSubscribe != nil && echoedSubscribe != nil,
                    "\(screen)")
                // `/wait` held the subscribe back until the auth echo arrived.
                if let echoedAuth, let sentSubscribe { #expect(echoedAuth < sentSubscribe, "\(screen)") }
            }
            try tmux.press("q")
            try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
        }

        @Test("attempts that keep failing: the status bar counts down RECONNECTING in … (attempt N), R tries at once")
        func countdownWhileAttemptsFail() async throws {
            try await withServer { server in
                try await withTmux("countdown") { tmux in
                    try await checkCountdown(tmux, server.url + "/bad/status-200")
                }
            }
        }

        func checkCountdown(_ tmux: Tmux, _ url: String) async throws {
            try tmux.type(try inspectorCommand([url, "--reconnect", "--reconnect-max-delay", "20"]))
            try tmux.press("Enter")
            // Attempt 6 waits 4–8 s (the base doubles from 0.25 s): long enough to see the count move.
            let pattern = #/RECONNECTING in (\d+\.\d) s \(attempt 6\)/#
            let first = try await tmux.waitFor("attempt 6 counting down", timeout: 30) {
                $0.screenLines.first?.contains(pattern) == true
            }
            let shown = try #require(first.screenLines.first?.firstMatch(of: pattern)?.1)
            let later = try await tmux.waitFor("the count to go down") { screen in
                guard let now = screen.screenLines.first?.firstMatch(of: pattern)?.1 else { return false }
                return Double(now)! < Double(shown)!
            }
            #expect(later.contains("── connection 6 · "), "\(later)")
            // R cuts the wait short: attempt 6 starts now and, failing, schedules attempt 7.
            try tmux.press("R")
            let afterR = try await tmux.waitFor("attempt 7") { $0.screenLines.first?.contains("(attempt 7)") == true }
            // Its divider names the close it follows, as the timer's would have.
            #expect(afterR.hasLine(containing: "── connection 7 · ", "after close"), "\(afterR)")
            try tmux.press("q")
            try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
        }

        @Test("e on a received message, edit, Enter sends the edited text; . sends it again")
        func editAndResendText() async throws {
            try await withServer { server in
                try await withTmux("edit") { tmux in
                    try await checkEdit(tmux, server.url + "/echo")
                }
            }
        }

        func checkEdit(_ tmux: Tmux, _ url: String) async throws {
            try tmux.type(try inspectorCommand([url]))
            try tmux.press("Enter")
            try await tmux.waitFor("OPEN") { $0.screenLines.first?.contains("OPEN") == true }
            try tmux.press("i")
            try tmux.type("price?symbol=ABC")
            try tmux.press("Enter")
            try await tmux.waitFor("the echo") { $0.hasLine(containing: "← TEXT", "price?symbol=ABC") }
            // Back to the log, where the newest row (the echo) is selected.
            try tmux.press("Escape")
            try tmux.press("e")
            try await tmux.waitFor("the payload in compose") { screen in
                screen.screenLines.suffix(4).contains { $0.contains("price?symbol=ABC") && !$0.contains("TEXT ") }
            }
            try tmux.press("BSpace", "BSpace", "BSpace")
            try tmux.type("XYZ")
            try tmux.press("Enter")
            // The server echoed the edited text: it is what was sent.
            try await tmux.waitFor("the edited echo") { $0.hasLine(containing: "← TEXT", "price?symbol=XYZ") }
            try tmux.press("Escape")
            try tmux.press(".")
            let screen = try await tmux.waitFor("the resent echo") { screen in
                screen.screenLines.filter { $0.contains("← TEXT") && $0.contains("price?symbol=XYZ") }.count == 2
            }
            #expect(
                screen.screenLines.filter { $0.contains("→ TEXT") && $0.contains("price?symbol=XYZ") }.count == 2,
                "\(screen)")
            try tmux.press("q")
            try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
        }

        @Test("e on a binary message opens it in HEX mode; Space marks rows and . sends them in log order")
        func editBinaryAndResendMarked() async throws {
            try await withServer { server in
                try await withTmux("marks") { tmux in
                    try await checkBinaryAndMarks(tmux, server.url + "/echo")
                }
            }
        }

        func checkBinaryAndMarks(_ tmux: Tmux, _ url: String) async throws {
            try tmux.type(try inspectorCommand([url, "--compose"]))
            try tmux.press("Enter")
            try await tmux.waitFor("OPEN") { $0.screenLines.first?.contains("OPEN") == true }
            for text in ["first-one", "second-two"] {
                try tmux.type(text)
                try tmux.press("Enter")
                try await tmux.waitFor("the echo of \(text)") { $0.hasLine(containing: "← TEXT", text) }
            }
            try tmux.type("/mode hex")
            try tmux.press("Enter")
            // Typed at once, the next line would join this one as a paste (see TypingBurst): wait for the mode.
            try await tmux.waitFor("HEX mode") { $0.contains("─ Compose  HEX ") }
            try tmux.type("de ad be ef")
            try tmux.press("Enter")
            try await tmux.waitFor("the binary echo") { $0.hasLine(containing: "← BIN") }
            try tmux.press("Escape")
            try tmux.press("e")
            try await tmux.waitFor("the bytes in HEX mode") { screen in
                screen.screenLines.suffix(4).contains { $0.contains("de ad be ef") }
                    && screen.screenLines.contains { $0.contains("─ Compose  HEX ") }
            }
            try tmux.press("Enter")
            try await tmux.waitFor("the second binary echo") { screen in
                screen.screenLines.filter { $0.contains("← BINARY") && $0.hasSuffix("de ad be ef") }.count == 2
            }
            // Back in the log: mark the echo of second-two (row 7), then the echo of first-one (row 5).
            try tmux.press("Escape")
            try tmux.press("g")
            for _ in 0..<7 { try tmux.press("j") }
            try tmux.press("Space")
            try tmux.press("g")
            for _ in 0..<5 { try tmux.press("j") }
            try tmux.press("Space")
            var screen = try await tmux.waitFor("two marked rows") { screen in
                screen.screenLines.filter { $0.hasPrefix("*") }.count == 2
            }
            #expect(screen.hasLine(containing: "*", "← TEXT", "first-one"), "\(screen)")
            #expect(screen.hasLine(containing: "*", "← TEXT", "second-two"), "\(screen)")
            try tmux.press(".")
            screen = try await tmux.waitFor("both echoed again") { screen in
                screen.screenLines.filter { $0.contains("← TEXT") && $0.hasSuffix("second-two") }.count == 2
                    && screen.screenLines.filter { $0.contains("← TEXT") && $0.hasSuffix("first-one") }.count == 2
            }
            // Sent in log order (first-one, then second-two), not in the order they were marked; marks cleared.
            let lines = screen.screenLines
            let first = try #require(lines.lastIndex { $0.contains("→ TEXT") && $0.hasSuffix("first-one") })
            let second = try #require(lines.lastIndex { $0.contains("→ TEXT") && $0.hasSuffix("second-two") })
            #expect(first < second, "\(screen)")
            #expect(first > 8, "\(screen)")
            #expect(!lines.contains { $0.hasPrefix("*") }, "\(screen)")
            try tmux.press("q")
            try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
        }
    }
}
