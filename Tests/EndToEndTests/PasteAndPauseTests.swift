import Foundation
import ProcessTestSupport
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

        @Test("paused during a flood, the selected record is the same 2 s later, and new never exceeds the log")
        func pauseIsStill() async throws {
            try await withServer { server in
                try await withTmux("pause") { tmux in
                    try await start(tmux, server.url + "/flood?count=100000000&size=64", ["--log-capacity", "100000"])
                    try await tmux.waitFor("flood traffic") { $0.hasLine(containing: "← TEXT", "64 B") }
                    try tmux.press("k")
                    var paused = try await tmux.waitFor("PAUSED with a frame") {
                        $0.screenLines.first?.contains("PAUSED") == true && Self.frameNumber(in: $0) != nil
                    }
                    // The capture may catch a redraw half done (the status bar is drawn before the frame pane), so
                    // the selection is read once two captures 200 ms apart agree on it.
                    var settled: Int?
                    for _ in 0..<20 where settled == nil {
                        try await Task.sleep(for: .milliseconds(200))
                        let again = try tmux.capture()
                        if Self.frameNumber(in: again) == Self.frameNumber(in: paused) { settled = Self.frameNumber(in: again) }
                        paused = again
                    }
                    let selected = try #require(settled, "the frame pane never settled after pausing:\n\(paused)")
                    // Watch for 2 s: the frame pane must stay on the record, while the flood goes on.
                    let end = Date().addingTimeInterval(2)
                    var frames: Set<Int?> = []
                    var largestNew = 0
                    var screen = paused
                    while Date() < end {
                        screen = try tmux.capture()
                        frames.insert(Self.frameNumber(in: screen))
                        largestNew = max(largestNew, Self.newCount(in: screen) ?? 0)
                        try await Task.sleep(for: .milliseconds(100))
                    }
                    #expect(frames == [selected], "the frame pane moved: \(frames); last screen:\n\(screen)")
                    #expect(largestNew <= 100_000, "more new than the log holds:\n\(screen)")
                    #expect(screen.screenLines.first?.contains("OPEN") == true, "the flood went on")
                    // Enter opens that record, not the newest.
                    try tmux.press("Enter")
                    try await tmux.waitFor("the detail view of the selected record") { $0.contains("Record #\(selected) ") }
                    try tmux.press("Escape")
                    try tmux.press("C-c")
                    try await tmux.waitFor("the exit", timeout: 20) { $0.contains("EXIT=0") }
                }
            }
        }

        static func frameNumber(in screen: String) -> Int? { number(after: "─ Frame #", in: screen) }

        static func newCount(in screen: String) -> Int? {
            guard let status = screen.screenLines.first, let range = status.range(of: "PAUSED · ") else { return nil }
            return Int(status[range.upperBound...].prefix(while: \.isNumber))
        }

        static func number(after marker: String, in screen: String) -> Int? {
            guard let range = screen.range(of: marker) else { return nil }
            return Int(screen[range.upperBound...].prefix(while: \.isNumber))
        }
    }
}
