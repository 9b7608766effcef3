import Foundation
import Testing

extension EndToEnd {
    /// Issue 25's two bugs in a real terminal: a multi-line paste is one message, and paused is still.
    @Suite("Paste and pause in tmux", .serialized)
    struct PasteAndPauseTests {
        static let json = "{\n  \"op\": \"subscribe\",\n  \"channel\": \"trades\"\n}"

        func start(_ tmux: Tmux, _ url: String, _ flags: [String] = []) async throws {
            try tmux.type(try inspectorCommand(flags + [url]))
            try tmux.press("Enter")
            try await tmux.waitFor("OPEN in the status bar") { $0.screenLines.first?.contains("OPEN") == true }
            // Into the log whichever pane had focus (Esc leaves compose and does nothing in the log).
            try tmux.press("Escape")
        }

        /// Pastes the JSON, sends it with Enter, and checks exactly one message went out, whole.
        func pasteSendsOneMessage(bracketed: Bool) async throws {
            try await withServer { server in
                try await withTmux(bracketed ? "paste-b" : "paste-raw") { tmux in
                    try await start(tmux, server.url + "/echo")
                    try tmux.press("i")
                    try tmux.paste(Self.json, bracketed: bracketed)
                    // All four lines wait in the compose box; nothing was sent.
                    var screen = try await tmux.waitFor("the pasted text in compose") { $0.contains("\"channel\": \"trades\"") }
                    #expect(!screen.hasLine(containing: "→ TEXT"), "a line was sent by the paste:\n\(screen)")
                    try tmux.press("Enter")
                    screen = try await tmux.waitFor("the echo of one message") { $0.hasLine(containing: "← TEXT", "46 B") }
                    let sent = screen.screenLines.filter { $0.contains("→ TEXT") }
                    #expect(sent.count == 1, "sent rows:\n\(sent.joined(separator: "\n"))")
                    #expect(screen.hasLine(containing: "→ TEXT", "46 B", "{␊  \"op\": \"subscribe\",␊"), "\(screen)")
                    try tmux.press("C-c")
                    try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
                }
            }
        }

        @Test("a bracketed multi-line paste (paste-buffer -p) is one message")
        func bracketedPaste() async throws { try await pasteSendsOneMessage(bracketed: true) }

        @Test("without bracketed paste, a burst of lines faster than typing is still one message")
        func burstPaste() async throws { try await pasteSendsOneMessage(bracketed: false) }

    }
}
