import Foundation
import ProcessTestSupport
import Testing

extension EndToEnd {
    /// `wsinspect open FILE --dump`: a capture read back in `--dump`'s line format, and a broken one refused with
    /// the file, the JSON path and the problem.
    @Suite("Opening captures")
    struct OpenCaptureTests {
        /// The hand-written Chrome-shaped HAR of the Captures tests (see its README for where each field comes from).
        static let chromeFixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("CapturesTests/Fixtures/chrome-websocket.har").path

        @Test func chromesHARPrintsEveryMessage() async throws {
            let run = try CommandRun(["open", Self.chromeFixture, "--dump"], environment: ["TZ": "UTC"])
            #expect(try await run.waitForExit() == 0, "stderr: \(run.stderr)")
            let lines = run.stdout.split(separator: "\n").map(String.init)
            #expect(
                lines == [
                    "10:00:02.500 → TEXT   F      37  {\"op\":\"subscribe\",\"channel\":\"trades\"}",
                    "10:00:02.501 ← TEXT   F      37  {\"op\":\"subscribe\",\"channel\":\"trades\"}",
                    "10:00:03.000 → TEXT   F      18  héllo 世界 👋",
                    "10:00:03.002 ← TEXT   F      18  héllo 世界 👋",
                    "10:00:04.250 → BINARY F       6  de ad be ef 00 01",
                    "10:00:04.260 ← BINARY F       6  de ad be ef 00 01",
                ])
            #expect(run.stderr.contains("1 connection · 6 messages · 1 other entries skipped"))
            #expect(run.stderr.contains("connection 1 of 1 · ws://127.0.0.1:8765/echo · 101 Switching Protocols"))
            // The upgrade, rebuilt from the headers the HAR lists, goes to stderr as a live --dump's does.
            #expect(run.stderr.contains("10:00:01.250 → HTTP         227  GET /echo HTTP/1.1"), "\(run.stderr)")
            #expect(run.stderr.contains("10:00:01.250 ← HTTP         129  HTTP/1.1 101 Switching Protocols"))
        }

        @Test func aBrokenCaptureNamesThePathAndExits2() async throws {
            let directory = try makeTemporaryDirectory("open")
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("bad.har").path
            try Data(
                #"{"log":{"entries":[{"_webSocketMessages":[{"type":"send","time":1,"opcode":2,"data":"!!"}],"request":{"url":"ws://x/"},"response":{"status":101},"startedDateTime":"2026-12-04T10:00:00Z"}]}}"#
                    .utf8
            )
            .write(to: URL(fileURLWithPath: file))
            let run = try CommandRun(["open", file, "--dump"])
            #expect(try await run.waitForExit() == 2)
            #expect(run.stderr == "wsinspect: \(file): log.entries[0]._webSocketMessages[0].data: not valid base64\n")
            #expect(run.stdout.isEmpty)
        }

        /// A `--record` file in the inspector: the frames as they crossed, down to the mask of a sent one.
        @Test func theInspectorShowsARecordingWithItsFrameDetail() async throws {
            let directory = try makeTemporaryDirectory("open-jsonl-tui")
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("session.jsonl").path
            try await withServer { server in
                let run = try CommandRun(["--dump", "--record", file, server.url + "/echo"])
                run.write("hello-jsonl\n")
                try await run.waitForOutput("the echo") { $0.contains("← TEXT") }
                run.closeInput()
                #expect(try await run.waitForExit() == 0, "stderr: \(run.stderr)")
            }
            try await withTmux("open-jsonl", cols: 140, rows: 30) { tmux in
                try tmux.type(try inspectorCommand(["open", file]))
                try tmux.press("Enter")
                let screen = try await tmux.waitFor("the recording") { $0.contains("CAPTURE") && $0.hasLine(containing: "← CLOSE") }
                let status = try #require(screen.screenLines.first)
                #expect(status.contains("session.jsonl · 1 connection · 2 messages"), "\(status)")
                #expect(screen.hasLine(containing: "→ HTTP", "GET /echo HTTP/1.1"))
                #expect(screen.hasLine(containing: "read-only capture: r replays it to a URL"))
                // The sent frame, selected: its mask key and masked wire bytes, as the live session showed them.
                try tmux.press("g")
                for _ in 0..<4 { try tmux.press("j") }
                try await tmux.waitFor("the sent frame's hex") { $0.contains("MASK 1") && $0.contains("hello-jsonl") }
                try tmux.press("q")
                try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
            }
        }

        /// The capture in the inspector: every row, the detail view, the read-only compose, and `q` leaves.
        @Test func theInspectorShowsTheCaptureReadOnly() async throws {
            try await withTmux("open-capture", cols: 120, rows: 30) { tmux in
                try tmux.type(try inspectorCommand(["open", Self.chromeFixture]))
                try tmux.press("Enter")
                var screen = try await tmux.waitFor("the capture") { $0.contains("CAPTURE") && $0.contains("← BINARY") }
                let status = try #require(screen.screenLines.first)
                #expect(status.contains("chrome-websocket.har · 1 connection · 6 messages"))
                #expect(screen.hasLine(containing: "connection 1 of 1 · ws://127.0.0.1:8765/echo · 101 Switching Protocols"))
                #expect(screen.hasLine(containing: "→ TEXT", "héllo 世界 👋"))
                #expect(screen.hasLine(containing: "read-only capture: r replays it to a URL"))
                // Tab would move to compose in a live session; here the log keeps the focus.
                try tmux.press("Tab")
                try tmux.press("x")
                screen = try await tmux.waitFor("the log still focused") { $0.screenLines.first?.contains(" LOG ") == true }
                try tmux.press("Enter")
                // Waited for whole: a capture can catch the overlay's title drawn before its body (as CI did once).
                screen = try await tmux.waitFor("the detail view with the payload") {
                    $0.contains("─ Record #9") && $0.hasLine(containing: "00000000  de ad be ef 00 01")
                }
                try tmux.press("Escape")
                try tmux.press("q")
                try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
            }
        }
    }
}
