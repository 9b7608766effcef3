import Foundation
import ProcessTestSupport
import Testing

extension EndToEnd {
    /// `--reconnect` and `--on-open` without a terminal: `--dump` reconnects too, with the divider on stderr, and a
    /// bad script is refused before anything connects.
    @Suite("Reconnect in --dump", .serialized)
    struct ReconnectDumpTests {
        @Test("--dump --reconnect: the server drops, the divider goes to stderr, the script runs on each connection")
        func dumpReconnects() async throws {
            let directory = try makeTemporaryDirectory("dump-on-open")
            defer { try? FileManager.default.removeItem(at: directory) }
            let script = directory.appendingPathComponent("open.txt")
            try Data("hello-from-script\n/hex 01 02 03\n".utf8).write(to: script)
            try await withServer { server in
                let run = try CommandRun(["--dump", "--reconnect", "--on-open", script.path, server.url + "/drop?after=2"])
                // Two echoes per connection, then a drop: four echoes of the script's text mean two connections.
                try await run.waitForOutput("the script echoed on three connections") { out in
                    out.split(separator: "\n").filter { $0.contains("← TEXT") && $0.hasSuffix("hello-from-script") }
                        .count >= 3
                }
                run.closeInput()
                _ = try await run.waitForExit()
                let stdout = run.stdout
                #expect(
                    stdout.split(separator: "\n").contains { $0.contains("← BINARY") && $0.hasSuffix("01 02 03") },
                    "\(stdout)")
                #expect(run.stderr.contains("── connection 2 · "), "\(run.stderr)")
                #expect(run.stderr.contains("after close 1006"), "\(run.stderr)")
                #expect(server.statistics.connectionsUpgraded >= 3)
            }
        }

        @Test("--reconnect-attempts 2: two more attempts after the first failure, then exit 1 saying so")
        func dumpGivesUp() async throws {
            try await withServer { server in
                let run = try CommandRun([
                    "--dump", "--reconnect", "--reconnect-attempts", "2",
                    server.url + "/bad/status-200",
                ])
                let status = try await run.waitForExit()
                #expect(status == 1, "\(run.stderr)")
                #expect(run.stderr.contains("── connection 3 · "), "\(run.stderr)")
                #expect(!run.stderr.contains("── connection 4 · "), "\(run.stderr)")
                #expect(run.stderr.contains("gave up after 2 failed attempts in a row"), "\(run.stderr)")
            }
        }

        @Test("a bad on-open script exits 2 and names its line, before connecting")
        func badScriptIsAUsageError() async throws {
            let directory = try makeTemporaryDirectory("bad-on-open")
            defer { try? FileManager.default.removeItem(at: directory) }
            let script = directory.appendingPathComponent("bad.txt")
            try Data("hello\n\n/sleep soon\n".utf8).write(to: script)
            try await withServer { server in
                let run = try CommandRun(["--dump", "--on-open", script.path, server.url + "/echo"])
                let status = try await run.waitForExit()
                #expect(status == 2, "\(run.stderr)")
                #expect(run.stderr.contains("bad.txt, line 3: /sleep: \"soon\" is not a duration"), "\(run.stderr)")
                #expect(server.statistics.connectionsUpgraded == 0)
            }
        }
    }
}
