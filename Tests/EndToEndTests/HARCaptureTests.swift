import Foundation
import ProcessTestSupport
import Testing

extension EndToEnd {
    /// `--har FILE`: the session written as Chrome's HAR when `--dump` ends (stdin closed, the server closed, or
    /// Ctrl-C), with credentials hidden, read back by our own reader (`open --dump`), and the bound said in the
    /// file and on stderr.
    @Suite("HAR capture")
    struct HARCaptureTests {
        /// The parsed JSON of a HAR file, and its one WebSocket entry.
        static func entry(_ file: String) throws -> (log: [String: Any], entry: [String: Any]) {
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let log = try #require(root["log"] as? [String: Any])
            let entries = try #require(log["entries"] as? [[String: Any]])
            try #require(entries.count == 1, "entries: \(entries.count)")
            return (log, entries[0])
        }

        static func header(_ entry: [String: Any], _ part: String, _ name: String) -> String? {
            let headers = (entry[part] as? [String: Any])?["headers"] as? [[String: String]] ?? []
            return headers.first { $0["name"]?.lowercased() == name.lowercased() }?["value"]
        }

        @Test func dumpWritesTheSessionAsChromesHAR() async throws {
            let directory = try makeTemporaryDirectory("har")
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("session.har").path
            try await withServer { server in
                let before = Date().timeIntervalSince1970
                let run = try CommandRun([
                    "--dump", "--har", file, "--har-frames", "-H", "Authorization: Bearer s3cret", "-H", "Cookie: sid=abc",
                    server.url + "/echo",
                ])
                // One line at a time, so each echo comes back before the next message goes out.
                run.write("hello\n")
                try await run.waitForOutput("the first echo") { $0.components(separatedBy: "← TEXT").count == 2 }
                run.write("héllo 世界 \u{1B}[2J\n")
                try await run.waitForOutput("both echoes") { $0.components(separatedBy: "← TEXT").count == 3 }
                run.closeInput()
                #expect(try await run.waitForExit() == 0, "stderr: \(run.stderr)")
                let after = Date().timeIntervalSince1970

                let (log, entry) = try Self.entry(file)
                #expect((log["creator"] as? [String: Any])?["name"] as? String == "wsinspect")
                #expect(log["comment"] == nil)
                #expect(entry["_resourceType"] as? String == "websocket")
                let request = try #require(entry["request"] as? [String: Any])
                #expect(request["method"] as? String == "GET" && request["url"] as? String == server.url + "/echo")
                #expect((entry["response"] as? [String: Any])?["status"] as? Int == 101)
                #expect(Self.header(entry, "request", "Authorization") == "Bearer ***")
                #expect(Self.header(entry, "request", "Cookie") == "sid=***")
                #expect(Self.header(entry, "request", "Sec-WebSocket-Key")?.count == 24)
                #expect(Self.header(entry, "response", "Upgrade")?.lowercased() == "websocket")
                let messages = try #require(entry["_webSocketMessages"] as? [[String: Any]])
                let data = messages.filter { ($0["opcode"] as? Int) == 1 }
                #expect(data.map { $0["type"] as? String } == ["send", "receive", "send", "receive"])
                #expect(data.map { $0["data"] as? String } == ["hello", "hello", "héllo 世界 \u{1B}[2J", "héllo 世界 \u{1B}[2J"])
                #expect(messages.allSatisfy { ($0["time"] as? Double).map { $0 >= before - 1 && $0 <= after + 1 } ?? false })
                // --har-frames: both Close frames, base64 (1000 is 03 e8), and the close itself.
                let closes = messages.filter { ($0["opcode"] as? Int) == 8 }
                #expect(closes.count == 2 && closes.allSatisfy { $0["data"] as? String == "A+g=" })
                let close = try #require(entry["_webSocketClose"] as? [String: Any])
                #expect(close["code"] as? Int == 1000 && close["reason"] as? String == "")
                // Written whole through a temporary file: nothing else is left in the directory.
                #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["session.har"])
                // Read back by our reader: the same messages in `--dump`'s format.
                let open = try CommandRun(["open", file, "--dump"])
                #expect(try await open.waitForExit() == 0, "stderr: \(open.stderr)")
                let lines = open.stdout.split(separator: "\n").map { $0.dropFirst(13) }  // after the time
                #expect(lines.filter { $0.contains("TEXT") }.count == 4)
                #expect(lines.filter { $0.contains("CLOSE") }.count == 2)
                #expect(lines.first?.hasPrefix("→ TEXT   F       5  hello") == true, "\(lines)")
            }
        }

        @Test func compressedBinaryMessagesAreInflatedBase64AndSecretsStayWithTheFlag() async throws {
            let directory = try makeTemporaryDirectory("har-binary")
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("flood.har").path
            try await withServer { server in
                // Sent compressed (deflate=1): the HAR holds what the messages inflated to, as Chrome's does.
                let run = try CommandRun([
                    "--dump", "--har", file, "--har-secrets", "-H", "Authorization: Bearer s3cret",
                    server.url + "/flood?count=3&size=300&type=binary&deflate=1&close=1",
                ])
                #expect(try await run.waitForExit() == 0, "stderr: \(run.stderr)")
                let (_, entry) = try Self.entry(file)
                let messages = try #require(entry["_webSocketMessages"] as? [[String: Any]])
                #expect(messages.map { $0["opcode"] as? Int } == [2, 2, 2])
                #expect(messages.allSatisfy { $0["type"] as? String == "receive" })
                let payloads = messages.compactMap { ($0["data"] as? String).flatMap { Data(base64Encoded: $0) } }
                let pattern = Data((0..<300).map { UInt8(truncatingIfNeeded: $0) })
                #expect(payloads == [pattern, pattern, pattern])
                #expect(entry["_webSocketClose"] == nil)
                #expect(Self.header(entry, "response", "Sec-WebSocket-Extensions")?.hasPrefix("permessage-deflate") == true)
                // --har-secrets: the credential as it was sent.
                #expect(Self.header(entry, "request", "Authorization") == "Bearer s3cret")
            }
        }

        @Test func ctrlCEndsTheDumpAndTheHARIsWritten() async throws {
            let directory = try makeTemporaryDirectory("har-int")
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("interrupted.har").path
            try await withServer { server in
                let run = try CommandRun(["--dump", "--har", file, server.url + "/echo"])
                run.write("before the signal\n")
                try await run.waitForOutput("the echo") { $0.contains("← TEXT") }
                kill(run.process.processIdentifier, SIGINT)
                #expect(try await run.waitForExit() == 0, "stderr: \(run.stderr)")
                let (_, entry) = try Self.entry(file)
                let messages = try #require(entry["_webSocketMessages"] as? [[String: Any]])
                #expect(messages.map { $0["data"] as? String } == ["before the signal", "before the signal"])
            }
        }

        @Test func theMessageBoundIsSaidInTheFileAndOnStderr() async throws {
            let directory = try makeTemporaryDirectory("har-cap")
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("capped.har").path
            try await withServer { server in
                let run = try CommandRun(["--dump", "--har", file, "--har-max-messages", "3", server.url + "/echo"])
                for (index, line) in ["one", "two", "three"].enumerated() {
                    run.write(line + "\n")
                    try await run.waitForOutput("echo \(index + 1)") { $0.components(separatedBy: "← TEXT").count == index + 2 }
                }
                run.closeInput()
                #expect(try await run.waitForExit() == 0, "stderr: \(run.stderr)")
                let (log, entry) = try Self.entry(file)
                let messages = try #require(entry["_webSocketMessages"] as? [[String: Any]])
                #expect(messages.map { $0["data"] as? String } == ["one", "one", "two"])
                let comment = try #require(log["comment"] as? String)
                #expect(comment.contains("--har-max-messages (3 messages) was reached"))
                #expect(comment.contains("3 later messages"), "\(comment)")
                #expect(run.stderr.contains("--har-max-messages (3 messages) reached"), "stderr: \(run.stderr)")
                #expect(run.stderr.contains("HAR written to \(file) (incomplete:"), "stderr: \(run.stderr)")
            }
        }

        /// `/export FILE` in the inspector writes the HAR at once; `--har` writes it again when Ctrl-C quits.
        @Test func exportInComposeWritesTheHARAtOnceAndQuitWritesHar() async throws {
            let directory = try makeTemporaryDirectory("har-export")
            defer { try? FileManager.default.removeItem(at: directory) }
            let exported = directory.appendingPathComponent("now.har").path
            let onExit = directory.appendingPathComponent("exit.har").path
            try await withServer { server in
                try await withTmux("har-export", cols: 140, rows: 30) { tmux in
                    try tmux.type(try inspectorCommand(["--compose", "--har", onExit, server.url + "/echo"]))
                    try tmux.press("Enter")
                    try await tmux.waitFor("OPEN in the status bar") { $0.screenLines.first?.contains("OPEN") == true }
                    try tmux.type("ping me")
                    try tmux.press("Enter")
                    try await tmux.waitFor("the echo") { $0.hasLine(containing: "← TEXT", "ping me") }
                    try tmux.type("/export \(exported)")
                    try tmux.press("Enter")
                    try await tmux.waitFor("the export note") { $0.contains("HAR written to") }
                    let (_, entry) = try Self.entry(exported)
                    let messages = try #require(entry["_webSocketMessages"] as? [[String: Any]])
                    #expect(messages.map { $0["data"] as? String } == ["ping me", "ping me"])
                    #expect(!FileManager.default.fileExists(atPath: onExit))
                    try tmux.type("again")
                    try tmux.press("Enter")
                    try await tmux.waitFor("the second echo") { $0.hasLine(containing: "← TEXT", "again") }
                    try tmux.press("C-c")
                    try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
                }
            }
            let (_, entry) = try Self.entry(onExit)
            let messages = try #require(entry["_webSocketMessages"] as? [[String: Any]])
            #expect(messages.map { $0["data"] as? String } == ["ping me", "ping me", "again", "again"])
        }

        /// Each connection of the session is an entry of its own: `/reconnect` adds one, the log stays one.
        @Test func aReconnectIsASecondEntry() async throws {
            let directory = try makeTemporaryDirectory("har-reconnect")
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("two.har").path
            try await withServer { server in
                try await withTmux("har-reconnect", cols: 140, rows: 30) { tmux in
                    try tmux.type(try inspectorCommand(["--compose", "--har", file, server.url + "/echo"]))
                    try tmux.press("Enter")
                    try await tmux.waitFor("OPEN in the status bar") { $0.screenLines.first?.contains("OPEN") == true }
                    try tmux.type("first connection")
                    try tmux.press("Enter")
                    try await tmux.waitFor("the echo") { $0.hasLine(containing: "← TEXT", "first connection") }
                    try tmux.type("/reconnect")
                    try tmux.press("Enter")
                    try await tmux.waitFor("the second open") { $0.screenLines.filter { $0.contains("connected") }.count >= 2 }
                    try tmux.type("second connection")
                    try tmux.press("Enter")
                    try await tmux.waitFor("the second echo") { $0.hasLine(containing: "← TEXT", "second connection") }
                    try tmux.press("C-c")
                    try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
                }
            }
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let entries = try #require((root["log"] as? [String: Any])?["entries"] as? [[String: Any]])
            #expect(
                entries.map { ($0["_webSocketMessages"] as? [[String: Any]])?.compactMap { $0["data"] as? String } } == [
                    ["first connection", "first connection"], ["second connection", "second connection"],
                ])
            #expect(entries.allSatisfy { ($0["response"] as? [String: Any])?["status"] as? Int == 101 })
        }

        @Test func anUnwritableHARPathIsRefusedBeforeConnecting() async throws {
            let run = try CommandRun(["--dump", "--har", "/nonexistent-dir/x.har", "ws://127.0.0.1:9/"])
            #expect(try await run.waitForExit() == 2)
            #expect(
                run.stderr == "wsinspect: --har: HAR file /nonexistent-dir/x.har: its directory does not exist; "
                    + "create it or choose another path\n")
        }
    }
}
