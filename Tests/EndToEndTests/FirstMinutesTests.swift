import Foundation
import Testing

extension EndToEnd {
    /// Issue 25, what a new user trips over in the first minutes, each in a real terminal (tmux, 120×40) against
    /// the project's server.
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
    }
}
