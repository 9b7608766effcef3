import Foundation
import ProcessTestSupport
import Testing

extension EndToEnd {
    /// Captures written and read back through the command line: a `--record` file opens as the session was dumped,
    /// our HAR reads back with the same messages, times and opcodes, conversions keep what each format holds, and
    /// `/export` writes the log as it is, whole or filtered, in files Python's plain `json` module reads.
    @Suite("Capture round trips")
    struct CaptureRoundTripTests {
        /// The `--dump` lines of frames (not the rebuilt or exact upgrade heads) as (milliseconds of the day, rest).
        static func frameLines(_ output: String) -> [(millis: Int, rest: String)] {
            output.split(separator: "\n").compactMap { line in
                guard !line.contains(" HTTP "), line.count > 13 else { return nil }
                let clock = line.prefix(12).split(whereSeparator: { $0 == ":" || $0 == "." }).compactMap { Int($0) }
                guard clock.count == 4 else { return nil }
                return (((clock[0] * 60 + clock[1]) * 60 + clock[2]) * 1000 + clock[3], String(line.dropFirst(13)))
            }
        }

        /// Same frames in the same order, times within a millisecond (a HAR keeps microseconds, and one rounded up
        /// across a millisecond shows one later).
        static func expectSameFrames(_ got: String, _ want: String, sourceLocation: SourceLocation = #_sourceLocation) {
            let a = frameLines(got)
            let b = frameLines(want)
            #expect(a.map(\.rest) == b.map(\.rest), sourceLocation: sourceLocation)
            #expect(zip(a, b).allSatisfy { abs($0.millis - $1.millis) <= 1 }, "\(got)\n---\n\(want)", sourceLocation: sourceLocation)
        }

        static let checker = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Peers/check_export.py").path

        /// What `check_export.py` prints for `file`, read with the venv's Python.
        static func check(_ file: String) async throws -> [String] {
            let python = MitmdumpPeer.venvBin + "/python"
            guard FileManager.default.isExecutableFile(atPath: python) else {
                throw E2EError("no Python venv at \(python): run Scripts/bootstrap.sh")
            }
            let result = try await programOutput(python, [checker, file])
            #expect(result.status == 0, "\(result.text)")
            return result.text.split(separator: "\n").map(String.init)
        }

        @Test func aRecordingOpensAsTheSessionWasDumped() async throws {
            let directory = try makeTemporaryDirectory("open-jsonl")
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("session.jsonl").path
            try await withServer { server in
                let run = try CommandRun(["--dump", "--record", file, server.url + "/echo"], environment: ["TZ": "UTC"])
                run.write("hello\n")
                try await run.waitForOutput("the echo") { $0.contains("← TEXT") }
                run.write("wörld \u{1B}[2J\n")
                try await run.waitForOutput("the second echo") { $0.components(separatedBy: "← TEXT").count == 3 }
                run.closeInput()
                #expect(try await run.waitForExit() == 0, "stderr: \(run.stderr)")

                let open = try CommandRun(["open", file, "--dump"], environment: ["TZ": "UTC"])
                #expect(try await open.waitForExit() == 0, "stderr: \(open.stderr)")
                // Lossless: every frame line as the live session printed it, and the upgrade's exact bytes.
                #expect(open.stdout == run.stdout)
                #expect(open.stdout.contains("CLOSE"))
                let upgrade = run.stderr.split(separator: "\n").filter { $0.contains(" HTTP ") }
                #expect(upgrade.count == 2 && upgrade.allSatisfy { open.stderr.contains($0) }, "\(open.stderr)")
                #expect(open.stderr.hasPrefix("CAPTURE \(file) · 1 connection · 4 messages · "), "\(open.stderr)")
                #expect(open.stderr.contains("· NOTE               connecting to \(server.url)/echo"))
            }
        }

        @Test func aBrokenRecordingNamesTheLineAndExits2() async throws {
            let directory = try makeTemporaryDirectory("open-bad-jsonl")
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("bad.jsonl").path
            try Data(
                (#"{"id":1,"unixTime":1796378400.5,"direction":"local","type":"note","error":false,"text":"hi"}"# + "\n"
                    + #"{"id":2,"unixTime":1796378400.6,"direction":"sent","type":"frame","opcode":2,"fin":true,"masked":false,"length":2,"payload":"!!"}"#
                    + "\n").utf8
            ).write(to: URL(fileURLWithPath: file))
            let run = try CommandRun(["open", file, "--dump"])
            #expect(try await run.waitForExit() == 2)
            #expect(run.stderr == "wsinspect: \(file): line 2: payload: not valid base64\n")
            #expect(run.stdout.isEmpty)
        }

        /// Issue 22's round trip: a session's HAR (frames included) opens with the same messages, times and opcodes
        /// the live `--dump` printed.
        @Test func ourHAROpensWithTheSameMessagesTimesAndOpcodes() async throws {
            let directory = try makeTemporaryDirectory("har-round")
            defer { try? FileManager.default.removeItem(at: directory) }
            let text = directory.appendingPathComponent("text.har").path
            let binary = directory.appendingPathComponent("binary.har").path
            try await withServer { server in
                let run = try CommandRun(["--dump", "--har", text, "--har-frames", server.url + "/echo"], environment: ["TZ": "UTC"])
                for (index, line) in ["one", "twö", "three"].enumerated() {
                    run.write(line + "\n")
                    try await run.waitForOutput("echo \(index + 1)") { $0.components(separatedBy: "← TEXT").count == index + 2 }
                }
                run.closeInput()
                #expect(try await run.waitForExit() == 0, "stderr: \(run.stderr)")
                let open = try CommandRun(["open", text, "--dump"], environment: ["TZ": "UTC"])
                #expect(try await open.waitForExit() == 0, "stderr: \(open.stderr)")
                Self.expectSameFrames(open.stdout, run.stdout)
                #expect(Self.frameLines(open.stdout).count == 8, "\(open.stdout)")  // 3 texts and their echoes, 2 closes

                // Binary messages from the server, uncompressed (a HAR holds a compressed one as it inflated).
                let flood = try CommandRun(
                    ["--dump", "--har", binary, "--har-frames", server.url + "/flood?count=3&size=300&type=binary&deflate=0&close=1"],
                    environment: ["TZ": "UTC"])
                #expect(try await flood.waitForExit() == 0, "stderr: \(flood.stderr)")
                let reopened = try CommandRun(["open", binary, "--dump"], environment: ["TZ": "UTC"])
                #expect(try await reopened.waitForExit() == 0, "stderr: \(reopened.stderr)")
                Self.expectSameFrames(reopened.stdout, flood.stdout)
                #expect(Self.frameLines(reopened.stdout).filter { $0.rest.contains("BINARY") }.count == 3)
            }
        }

        /// JSON Lines → HAR → JSON Lines from the command line: the messages, their times and opcodes survive, and
        /// the HAR is the one Python's `json` reads with Chrome's field rules.
        @Test func conversionsKeepWhatEachFormatHolds() async throws {
            let directory = try makeTemporaryDirectory("convert")
            defer { try? FileManager.default.removeItem(at: directory) }
            let recorded = directory.appendingPathComponent("session.jsonl").path
            let har = directory.appendingPathComponent("session.har").path
            let back = directory.appendingPathComponent("back.jsonl").path
            try await withServer { server in
                let run = try CommandRun(["--dump", "--record", recorded, server.url + "/echo"], environment: ["TZ": "UTC"])
                run.write("first\n")
                try await run.waitForOutput("the echo") { $0.contains("← TEXT") }
                run.closeInput()
                #expect(try await run.waitForExit() == 0, "stderr: \(run.stderr)")
            }
            let toHAR = try CommandRun(["open", recorded, "--export", har, "--har-frames"])
            #expect(try await toHAR.waitForExit() == 0, "stderr: \(toHAR.stderr)")
            #expect(toHAR.stderr == "wsinspect: HAR written to \(har): 1 connection, 4 messages\n")
            let toJSONL = try CommandRun(["open", har, "--export", back])
            #expect(try await toJSONL.waitForExit() == 0, "stderr: \(toJSONL.stderr)")
            let first = try CommandRun(["open", recorded, "--dump"], environment: ["TZ": "UTC"])
            #expect(try await first.waitForExit() == 0, "stderr: \(first.stderr)")
            let last = try CommandRun(["open", back, "--dump"], environment: ["TZ": "UTC"])
            #expect(try await last.waitForExit() == 0, "stderr: \(last.stderr)")
            Self.expectSameFrames(last.stdout, first.stdout)
            let harLines = try await Self.check(har)
            #expect(harLines.filter { $0.hasSuffix(" 1 first") } == ["send 1 first", "receive 1 first"], "\(harLines)")
            #expect(harLines.filter { $0.hasPrefix("send 8 ") || $0.hasPrefix("receive 8 ") }.count == 2, "\(harLines)")
            let jsonl = try await Self.check(back)
            #expect(jsonl.filter { $0.contains(" handshake-request ") }.count == 1, "\(jsonl)")
        }

        /// `/export` without `--har`: the log now, two connections (a reconnect), as HAR and as JSON Lines, and with
        /// `--filtered` only the rows shown; every file read back by Python's plain `json` module.
        @Test func exportWritesTheLogWholeOrFiltered() async throws {
            let directory = try makeTemporaryDirectory("export")
            defer { try? FileManager.default.removeItem(at: directory) }
            func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
            try await withServer { server in
                try await withTmux("export-log", cols: 160, rows: 40) { tmux in
                    try tmux.type(try inspectorCommand(["--compose", server.url + "/echo"]))
                    try tmux.press("Enter")
                    try await tmux.waitFor("OPEN in the status bar") { $0.screenLines.first?.contains("OPEN") == true }
                    for word in ["alpha", "beta"] {
                        try tmux.type(word)
                        try tmux.press("Enter")
                        try await tmux.waitFor("the echo of \(word)") { $0.hasLine(containing: "← TEXT", word) }
                    }
                    try tmux.type("/reconnect")
                    try tmux.press("Enter")
                    try await tmux.waitFor("the second open") { $0.screenLines.filter { $0.contains("connected") }.count >= 2 }
                    try tmux.type("gamma")
                    try tmux.press("Enter")
                    try await tmux.waitFor("the echo of gamma") { $0.hasLine(containing: "← TEXT", "gamma") }

                    // Each export's note says where it wrote; the log's row cuts it short, so they are counted.
                    func written(_ count: Int) -> (String) -> Bool {
                        { screen in
                            // The log's column only: the frame pane beside it shows the selected note too.
                            let rows = screen.screenLines.map { $0.split(separator: "│").first.map(String.init) ?? "" }
                            return rows.filter { $0.contains("· NOTE") && $0.contains("written to") }.count >= count
                        }
                    }
                    try tmux.type("/export \(path("all.har"))")
                    try tmux.press("Enter")
                    try await tmux.waitFor("the HAR note", written(1))
                    try tmux.type("/export \(path("all.jsonl"))")
                    try tmux.press("Enter")
                    try await tmux.waitFor("the JSON Lines note", written(2))

                    // A filter in the log (which the notes of the exports also pass), then the filtered exports.
                    try tmux.press("Tab")
                    try tmux.press("&")
                    try tmux.type("beta|written")
                    try tmux.press("Enter")
                    try await tmux.waitFor("the filter") {
                        !$0.hasLine(containing: "← TEXT", "alpha") && $0.hasLine(containing: "← TEXT", "beta")
                    }
                    try tmux.press("i")
                    try tmux.type("/export --filtered \(path("beta.har"))")
                    try tmux.press("Enter")
                    try await tmux.waitFor("the filtered HAR note", written(3))
                    try tmux.type("/export --filtered \(path("beta.jsonl"))")
                    try tmux.press("Enter")
                    try await tmux.waitFor("the filtered JSON Lines note", written(4))
                    try tmux.press("C-c")
                    try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
                }
            }
            let all = try await Self.check(path("all.har"))
            let url = Self.entryURL(all)
            #expect(
                all == [
                    "entry \(url) 101", "send 1 alpha", "receive 1 alpha", "send 1 beta", "receive 1 beta",
                    "entry \(url) 101", "send 1 gamma", "receive 1 gamma",
                ])
            let lines = try await Self.check(path("all.jsonl"))
            #expect(lines.filter { $0.contains(" handshake-request ") }.count == 2, "\(lines)")
            #expect(
                lines.filter { $0.contains(" frame 1 ") }.map { $0.split(separator: " ").last.map(String.init) } == [
                    "alpha", "alpha", "beta", "beta", "gamma", "gamma",
                ])
            let beta = try await Self.check(path("beta.har"))
            #expect(beta == ["entry \(url) 101", "send 1 beta", "receive 1 beta"])
            let shown = try await Self.check(path("beta.jsonl"))
            #expect(
                shown.filter { $0.contains(" frame ") }.count == 2 && shown.allSatisfy { $0.contains("beta") || $0.contains("written") })
        }

        /// The URL of the first entry `check_export.py` printed.
        static func entryURL(_ lines: [String]) -> String {
            lines.first { $0.hasPrefix("entry ") }?.split(separator: " ")[1].description ?? "?"
        }
    }
}
