import Foundation
import ProcessTestSupport
import Testing

extension EndToEnd {
    /// `wsinspect --dump` and the command line's error handling, without a terminal.
    @Suite("Dump mode and flags", .serialized)
    struct DumpModeTests {
        @Test("stdin lines are sent, frames are printed, a normal close exits 0")
        func echoesStdin() async throws {
            try await withServer { server in
                let run = try CommandRun(["--dump", server.url + "/echo"])
                run.write("hello\nsecond line\n")
                try await run.waitForOutput("both echoes") { $0.contains("← TEXT") && $0.contains("second line") }
                run.closeInput()
                let status = try await run.waitForExit()
                #expect(status == 0, "stderr: \(run.stderr)")
                let lines = run.stdout.split(separator: "\n").map(String.init)
                #expect(lines.contains { $0.contains("→ TEXT") && $0.hasSuffix("  hello") })
                #expect(lines.contains { $0.contains("← TEXT") && $0.hasSuffix("  hello") })
                #expect(lines.contains { $0.contains("← TEXT") && $0.contains("     11  second line") })
                #expect(lines.contains { $0.contains("→ CLOSE") && $0.contains("1000") })
                #expect(lines.contains { $0.contains("← CLOSE") && $0.contains("1000") })
            }
        }

        @Test("a flood is printed whole and in order from the connection's thread; notes still reach stderr")
        func floodComplete() async throws {
            try await withServer { server in
                let count = 30_000
                let run = try CommandRun(["--dump", server.url + "/flood?count=\(count)&size=16&close=1&deflate=0"])
                let status = try await run.waitForExit(timeout: 60)
                #expect(status == 0, "stderr: \(run.stderr)")
                let lines = run.stdout.split(separator: "\n")
                let texts = lines.filter { $0.contains("← TEXT") }
                #expect(texts.count == count)
                #expect(texts.allSatisfy { $0.hasSuffix("      16   !\"#$%&'()*+,-./") })
                // The close frames come after every message, in wire order: the server's, then ours.
                #expect(lines.suffix(2).map { $0.contains("← CLOSE") } == [true, false])
                #expect(lines.last?.contains("→ CLOSE") == true)
                #expect(run.stderr.contains("HTTP/1.1 101 Switching Protocols"))
                #expect(run.stderr.contains("NOTE") && run.stderr.contains("connected"))
                #expect(run.stderr.contains("closed 1000 flood done (clean)"))
            }
        }

        @Test("when stdout's reader goes away (| head), the connection is closed normally and the program exits")
        func stdoutClosed() async throws {
            try await withServer { server in
                // A flood far longer than any test: only leaving early ends this run in time.
                let run = try CommandRun(["--dump", server.url + "/flood?count=100000000&size=16&deflate=0"])
                try await run.waitForOutput("the first frames") { $0.contains("← TEXT") }
                run.closeOutput()
                let status = try await run.waitForExit(timeout: 30)
                #expect(status == 0, "stderr: \(run.stderr)")
                #expect(run.stderr.contains("stdout was closed"))
            }
        }

        @Test("hostile payloads come out escaped: no raw ESC or C1 byte in stdout")
        func escapesHostile() async throws {
            try await withServer { server in
                let run = try CommandRun(["--dump", server.url + "/hostile"])
                try await run.waitForOutput("the hostile binary message") { $0.contains("← BINARY") }
                run.closeInput()
                let status = try await run.waitForExit()
                #expect(status == 0, "stderr: \(run.stderr)")
                let bytes = [UInt8](run.stdoutBytes)
                #expect(!bytes.contains(0x1B), "a raw ESC reached stdout")
                #expect(!bytes.contains(0x07), "a raw BEL reached stdout")
                #expect(
                    !zip(bytes, bytes.dropFirst()).contains { $0 == 0xC2 && (0x80...0x9F).contains($1) }, "a raw C1 control reached stdout")
                #expect(!String(decoding: bytes, as: UTF8.self).unicodeScalars.contains { $0.value == 0x202E })
                #expect(run.stdout.contains("␛]0;pwned title␇title set"))
                #expect(run.stdout.contains("\\x9b31mred via C1 CSI"))
                #expect(run.stdout.contains("ff fe c0 80 ed a0 80 1b 5b 32 4a 00 07 08 7f 9b 0d 0a"))
            }
        }

        @Test("a close code other than 1000 gives a non-zero status")
        func closeCodeStatus() async throws {
            try await withServer { server in
                let run = try CommandRun(["--dump", server.url + "/close?code=4000&reason=bye"])
                let status = try await run.waitForExit()
                #expect(status == 3, "stdout: \(run.stdout) stderr: \(run.stderr)")
                #expect(run.stdout.contains("← CLOSE") && run.stdout.contains("4000") && run.stdout.contains("bye"))
            }
        }

        @Test("a refused connection gives status 1 and says why")
        func refusedStatus() async throws {
            // A port the test server just gave back is closed again.
            let port = try await withServer { $0.port }
            let run = try CommandRun(["--dump", "--connect-timeout", "3", "ws://127.0.0.1:\(port)/"])
            run.closeInput()
            let status = try await run.waitForExit(timeout: 15)
            #expect(status == 1)
            #expect(run.stderr.contains("ERROR"), "stderr: \(run.stderr)")
        }

        @Test(
            "bad flags and URLs exit 2 with one line",
            arguments: [
                ["--bogus"],
                ["ftp://example.com/"],
                ["ws://example.com/#fragment"],
                ["--log-capacity", "0"],
                ["--theme", "no-such-theme"],
                ["-H", "no colon here", "ws://127.0.0.1:1/"],
                ["--cert", "/tmp/c.pem", "ws://127.0.0.1:1/"],
                ["--ping-interval", "-1", "ws://127.0.0.1:1/"],
                ["serve", "--port", "70000"],
            ])
        func badFlags(_ arguments: [String]) async throws {
            let run = try CommandRun(arguments)
            run.closeInput()
            let status = try await run.waitForExit()
            #expect(status == 2, "\(arguments): status \(status), stderr: \(run.stderr)")
            let lines = run.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(arguments): stderr was \(run.stderr)")
            #expect(run.stderr.hasPrefix("wsinspect: "))
        }

        @Test("serve on a port in use says so in plain words, without NIO's call or the errno number")
        func serveOnAPortInUse() async throws {
            try await withServer { server in
                let port = try #require(server.url.split(separator: ":").last.map(String.init))
                let run = try CommandRun(["serve", "--host", "127.0.0.1", "--port", port])
                run.closeInput()
                #expect(try await run.waitForExit() == 1)
                let expected =
                    "wsinspect serve: cannot listen on 127.0.0.1:\(port): Address already in use; "
                    + "pick another --port (0 takes a free one)\n"
                #expect(run.stderr == expected, "stderr: \(run.stderr)")
            }
        }

        @Test("--version and --help exit 0")
        func versionAndHelp() async throws {
            let version = try CommandRun(["--version"])
            let versionStatus = try await version.waitForExit()
            #expect(versionStatus == 0)
            // The commit comes from Plugins/BuildCommit; Scripts/test-install.sh checks it is this checkout's.
            #expect(
                version.stdout.wholeMatch(
                    of: /wsinspect \d+\.\d+\.\d+ \((commit [0-9a-f]{12}(-dirty)?|unknown commit)\)\n/) != nil,
                "--version printed \(version.stdout)")
            let help = try CommandRun(["--help"])
            let helpStatus = try await help.waitForExit()
            #expect(helpStatus == 0)
            for flag in [
                "--header", "--subprotocol", "--origin", "--insecure", "--cacert", "--cert", "--key",
                "--connect-timeout", "--ping-interval", "--log-capacity", "--theme", "--record", "--dump", "--version",
            ] {
                #expect(help.stdout.contains(flag), "--help lacks \(flag)")
            }
            // The man page lists `help [serve]` (generate-manual adds it to every tool): it must work.
            for (arguments, overview) in [(["help"], "Inspect a WebSocket"), (["help", "serve"], "Run the echo/test")] {
                let run = try CommandRun(arguments)
                #expect(try await run.waitForExit() == 0)
                #expect(run.stdout.contains(overview), "\(arguments): \(run.stdout)")
            }
        }

        @Test("--record writes every record as JSON Lines as it happens")
        func recordsJSONLines() async throws {
            try await withServer { server in
                let directory = try makeTemporaryDirectory("record")
                defer { try? FileManager.default.removeItem(at: directory) }
                let file = directory.appendingPathComponent("session.jsonl").path
                let run = try CommandRun(["--dump", "--record", file, server.url + "/echo"])
                run.write("recorded\n")
                try await run.waitForOutput("the echo") { $0.contains("← TEXT") }
                // Written as it happens: the echo is in the file while the program still runs.
                let text = try String(contentsOfFile: file, encoding: .utf8)
                #expect(text.contains("\"direction\":\"received\"") && text.contains("\"text\":\"recorded\""))
                run.closeInput()
                #expect(try await run.waitForExit() == 0)
                let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
                for line in lines {
                    #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "not JSON: \(line)")
                }
                #expect(lines.contains { $0.contains("\"type\":\"handshake-request\"") })
                #expect(lines.contains { $0.contains("\"opcodeName\":\"CLOSE\"") })
            }
        }
    }
}
