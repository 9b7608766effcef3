import Foundation
import ProcessTestSupport
import Testing

extension EndToEnd {
    /// Issue 25, what a new user trips over in the first minutes, each in a real terminal (tmux, 120×40) against
    /// the project's server: focus at start, follow after send, paste, pause during a flood, whose close reason.
    @Suite("First minutes in tmux", .serialized)
    struct FirstMinutesTests {
        /// Starts the inspector on `path` of `server` and waits for OPEN. With `intoLog`, Esc then moves focus to
        /// the log whichever pane had it (Esc leaves compose and does nothing in the log), so a test checks its own
        /// behaviour and not where focus starts.
        func start(_ tmux: Tmux, _ server: String, _ path: String, _ flags: [String] = [], intoLog: Bool = true)
            async throws
        {
            try tmux.type(try inspectorCommand(flags + [server + path]))
            try tmux.press("Enter")
            try await tmux.waitFor("OPEN in the status bar") { $0.screenLines.first?.contains("OPEN") == true }
            if intoLog { try tmux.press("Escape") }
        }

        @Test("the inspector starts in the log: q quits at once, and the status bar says LOG")
        func qQuitsAtStart() async throws {
            try await withServer { server in
                try await withTmux("focus") { tmux in
                    try await start(tmux, server.url, "/echo", intoLog: false)
                    let screen = try tmux.capture()
                    #expect(screen.screenLines.first?.contains(" LOG ") == true, "\(screen)")
                    #expect(!screen.contains("type a message"), "the placeholder shows only in a focused compose box")
                    try tmux.press("q")
                    try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
                }
            }
        }

        @Test("--compose starts in the compose box")
        func composeFlag() async throws {
            try await withServer { server in
                try await withTmux("compose") { tmux in
                    try await start(tmux, server.url, "/echo", ["--compose"], intoLog: false)
                    try tmux.type("q")
                    try await tmux.waitFor("q typed, not quitting") {
                        $0.screenLines.first?.contains(" COMPOSE ") == true && $0.screenLines.last(where: { !$0.isEmpty }) == "q"
                    }
                    try tmux.press("C-c")
                    try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
                }
            }
        }

        @Test("sending from compose while paused follows again, so the reply is selected")
        func followAfterSend() async throws {
            try await withServer { server in
                try await withTmux("follow") { tmux in
                    try await start(tmux, server.url, "/echo")
                    try tmux.press("k")
                    try await tmux.waitFor("PAUSED") { $0.screenLines.first?.contains("PAUSED") == true }
                    try tmux.press("i")
                    try tmux.type("reply-please")
                    try tmux.press("Enter")
                    let screen = try await tmux.waitFor("the echo, followed") {
                        $0.hasLine(containing: "← TEXT", "reply-please") && $0.contains("Log ")
                            && $0.hasLine(containing: "· following")
                    }
                    #expect(screen.screenLines.first?.contains("PAUSED") == false, "\(screen)")
                    // The hex pane shows the echo: the newest record, selected by following.
                    #expect(screen.contains("81 0c 72 65 70 6c 79 2d"), "\(screen)")
                    try tmux.press("C-c")
                    try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
                }
            }
        }

        @Test("j onto the last row follows again")
        func followAfterJ() async throws {
            try await withServer { server in
                try await withTmux("follow-j") { tmux in
                    try await start(tmux, server.url, "/echo")
                    try tmux.press("k")
                    try await tmux.waitFor("PAUSED") { $0.screenLines.first?.contains("PAUSED") == true }
                    try tmux.press("j")
                    try await tmux.waitFor("following again") {
                        $0.screenLines.first?.contains("PAUSED") == false && $0.hasLine(containing: "· following")
                    }
                    try tmux.press("q")
                    try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
                }
            }
        }
    }
}

extension EndToEnd.FirstMinutesTests {
    @Test("after /close 4000 bye the status bar shows our close and the server's answer apart")
    func closeReasonsApart() async throws {
        try await withServer { server in
            try await withTmux("close-words") { tmux in
                try await start(tmux, server.url, "/echo")
                try tmux.press("i")
                try tmux.type("/close 4000 bye")
                try tmux.press("Enter")
                let screen = try await tmux.waitFor("CLOSED with both sides") { $0.screenLines.first?.contains("CLOSED") == true }
                let status = screen.screenLines.first ?? ""
                #expect(status.contains("CLOSED · we sent 4000 bye · server answered 4000"), "\(screen)")
                #expect(!status.contains("Private Use: bye"), "our reason under the server's code:\n\(screen)")
                #expect(screen.hasLine(containing: "← CLOSE", "4000"))
                try tmux.press("C-c")
                try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
            }
        }
    }
}
