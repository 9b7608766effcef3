import Foundation
import ProcessTestSupport
import Testing

extension EndToEnd {
    /// `r` in a capture view: the URL prompt (the capture's own URL, editable), a refused URL said in one sentence
    /// without leaving the view, and a good one replaying the connection live in the same terminal.
    @Suite("Replay from a capture view")
    struct CaptureReplayTests {
        @Test func rReplaysTheSelectedConnectionLive() async throws {
            try await withServer { server in
                try await withTmux("open-replay", cols: 120, rows: 30) { tmux in
                    try tmux.type(try inspectorCommand(["open", OpenCaptureTests.chromeFixture]))
                    try tmux.press("Enter")
                    _ = try await tmux.waitForSettled("the capture") { $0.contains("CAPTURE") && $0.contains("← BINARY") }
                    try tmux.press("r")
                    var screen = try await tmux.waitForSettled("the URL prompt") {
                        $0.contains("replay connection 1 to: ws://127.0.0.1:8765/echo")
                    }
                    #expect(screen.contains("REPLAY"), "\(screen)")

                    // Empty, then not a URL: one sentence each, and the capture view stays.
                    try tmux.press("C-u")
                    try tmux.press("Enter")
                    screen = try await tmux.waitForSettled("the empty URL refused") { $0.contains("type a URL to replay to") }
                    #expect(screen.contains("CAPTURE"))
                    try tmux.type("nonsense")
                    try tmux.press("Enter")
                    screen = try await tmux.waitForSettled("the bad URL refused") { $0.contains("not a URL to replay to") }
                    #expect(screen.contains("CAPTURE") && screen.contains("← BINARY"))
                    try tmux.press("Escape")
                    _ = try await tmux.waitForSettled("the prompt closed") { !$0.contains("replay connection 1 to:") }

                    // A fresh server's /echo: the live session, its sent messages and their echoes.
                    try tmux.press("r")
                    _ = try await tmux.waitForSettled("the prompt again") { $0.contains("replay connection 1 to:") }
                    try tmux.press("C-u")
                    try tmux.type(server.url + "/echo")
                    try tmux.press("Enter")
                    screen = try await tmux.waitForSettled("the replay's echoes", timeout: 20) {
                        !$0.contains("CAPTURE") && $0.hasLine(containing: "← BINARY", "de ad be ef 00 01")
                    }
                    #expect(screen.contains("replaying 3 sent messages of connection 1"), "\(screen)")
                    #expect(screen.hasLine(containing: "→ TEXT", "{\"op\":\"subscribe\",\"channel\":\"trades\"}"))
                    // The echoes are the server's answers: it received what the capture sent.
                    #expect(screen.hasLine(containing: "← TEXT", "{\"op\":\"subscribe\",\"channel\":\"trades\"}"))
                    #expect(screen.hasLine(containing: "← TEXT", "héllo 世界 👋"))
                    #expect(server.statistics.connectionsUpgraded == 1)
                    try tmux.press("q")
                    try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
                }
            }
        }
    }
}
