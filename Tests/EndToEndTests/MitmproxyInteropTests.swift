import Foundation
import ProcessTestSupport
import Testing

extension EndToEnd {
    /// HAR interop with a real third-party producer: mitmproxy's `mitmdump` in reverse mode in front of the
    /// project's echo server records a session (our client, and Python `websockets` for binary), and
    /// `wsinspect open FILE --dump` shows every message of its HAR export with the right direction and payload.
    @Suite("mitmproxy HAR interop", .serialized)
    struct MitmproxyInteropTests {
        /// `open --dump`'s lines without their time column (`10:00:02.500 `), which depends on when the test ran.
        static func untimed(_ stdout: String) -> [String] {
            stdout.split(separator: "\n").map { String($0.dropFirst(13)) }
        }

        @Test func ourClientThroughMitmdumpOpensWithEveryMessage() async throws {
            try await withServer { server in
                let mitm = try await MitmdumpPeer(upstreamPort: server.port)
                defer { mitm.remove() }
                let run = try CommandRun(["--dump", "--no-deflate", "ws://127.0.0.1:\(mitm.port)/echo"])
                // One line at a time, so each echo comes back before the next message goes out.
                run.write("first\n")
                try await run.waitForOutput("the first echo", timeout: 20) { $0.components(separatedBy: "← TEXT").count == 2 }
                run.write("second \u{1B}[2J\n")
                try await run.waitForOutput("both echoes", timeout: 20) { $0.components(separatedBy: "← TEXT").count == 3 }
                run.closeInput()
                #expect(try await run.waitForExit(timeout: 20) == 0, "stderr: \(run.stderr)")
                try await mitm.stopAndWriteHAR()

                let open = try CommandRun(["open", mitm.harFile, "--dump"])
                #expect(try await open.waitForExit() == 0, "stderr: \(open.stderr)")
                #expect(
                    Self.untimed(open.stdout) == [
                        "→ TEXT   F       5  first",
                        "← TEXT   F       5  first",
                        "→ TEXT   F      11  second ␛[2J",
                        "← TEXT   F      11  second ␛[2J",
                    ], "stdout: \(open.stdout)")
                #expect(open.stderr.contains("1 connection · 4 messages"), "stderr: \(open.stderr)")
            }
        }

        /// The other way: a HAR we write passes Python's plain `json` reader with Chrome's field rules, and mitmproxy
        /// reads it as the upgrade exchange (its importer ignores WebSocket messages, so that is all it can show).
        @Test func ourHARLoadsInPythonAndMitmproxy() async throws {
            let python = MitmdumpPeer.venvBin + "/python"
            let mitmdump = MitmdumpPeer.venvBin + "/mitmdump"
            guard FileManager.default.isExecutableFile(atPath: mitmdump) else {
                throw E2EError("mitmdump not found at \(mitmdump): run Scripts/bootstrap.sh (it pip-installs mitmproxy)")
            }
            let directory = try makeTemporaryDirectory("har-out")
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("ours.har").path
            try await withServer { server in
                let run = try CommandRun(["--dump", "--har", file, "--har-frames", server.url + "/echo"])
                run.write("héllo\n")
                try await run.waitForOutput("the echo") { $0.contains("← TEXT") }
                run.closeInput()
                #expect(try await run.waitForExit() == 0, "stderr: \(run.stderr)")

                let checker = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                    .appendingPathComponent("Peers/check_har_fields.py").path
                let checked = try await programOutput(python, [checker, file])
                #expect(checked.status == 0, "\(checked.text)")
                let lines = checked.text.split(separator: "\n").map(String.init)
                #expect(
                    lines.filter { $0.hasPrefix("send 1 ") || $0.hasPrefix("receive 1 ") }
                        == ["send 1 68c3a96c6c6f", "receive 1 68c3a96c6c6f"], "\(checked.text)")
                #expect(lines.filter { $0.contains(" 8 03e8") }.count == 2, "\(checked.text)")

                let confdir = directory.appendingPathComponent("conf").path
                let read = try await programOutput(mitmdump, ["-n", "-r", file, "--set", "confdir=\(confdir)", "--flow-detail", "2"])
                #expect(read.status == 0, "\(read.text)")
                #expect(read.text.contains("GET \(server.url)/echo"), "\(read.text)")
                #expect(read.text.contains("<< 101 Switching Protocols"), "\(read.text)")
            }
        }

        @Test func pythonWebsocketsThroughMitmdumpKeepsTextAndBinary() async throws {
            let python = MitmdumpPeer.venvBin + "/python"
            guard FileManager.default.isExecutableFile(atPath: python) else {
                throw E2EError("no Python venv at \(python): run Scripts/bootstrap.sh")
            }
            try await withServer { server in
                let mitm = try await MitmdumpPeer(upstreamPort: server.port)
                defer { mitm.remove() }
                let client = Process()
                client.executableURL = URL(fileURLWithPath: python)
                client.arguments = [
                    URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                        .appendingPathComponent("Peers/ws_text_binary_client.py").path,
                    "ws://127.0.0.1:\(mitm.port)/echo",
                ]
                let output = Pipe()
                client.standardOutput = output
                client.standardError = output
                try client.run()
                for _ in 0..<200 where client.isRunning { try await Task.sleep(for: .milliseconds(100)) }
                if client.isRunning { client.terminate() }
                let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                try #require(client.terminationStatus == 0, "the Python client failed: \(printed)")
                try await mitm.stopAndWriteHAR()

                let open = try CommandRun(["open", mitm.harFile, "--dump"])
                #expect(try await open.waitForExit() == 0, "stderr: \(open.stderr)")
                #expect(
                    Self.untimed(open.stdout) == [
                        "→ TEXT   F      11  héllo mitm",
                        "← TEXT   F      11  héllo mitm",
                        "→ BINARY F       4  00 01 fe ff",
                        "← BINARY F       4  00 01 fe ff",
                    ], "stdout: \(open.stdout)")
            }
        }
    }
}
