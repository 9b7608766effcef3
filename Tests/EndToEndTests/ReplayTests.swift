import Foundation
import ProcessTestSupport
import Testing

extension EndToEnd {
    /// `wsinspect replay FILE --to URL`: a capture's sent messages go to a live echo server in order, and what
    /// comes back is printed as `--dump` prints it.
    @Suite("Replay")
    struct ReplayTests {
        /// The direction, opcode, size and text columns of `--dump` lines, without the time.
        static func untimed(_ stdout: String, _ arrow: String) -> [String] {
            stdout.split(separator: "\n").map { String($0.dropFirst(13)) }.filter { $0.hasPrefix(arrow) }
        }

        @Test(arguments: [["--speed", "50"], ["--no-wait"]])
        func chromesCaptureIsSentInOrderAndEchoed(_ timing: [String]) async throws {
            try await withServer { server in
                let run = try CommandRun(["replay", OpenCaptureTests.chromeFixture, "--to", server.url + "/echo"] + timing)
                #expect(try await run.waitForExit(timeout: 20) == 0, "stderr: \(run.stderr)")
                let sent = [
                    "TEXT   F      37  {\"op\":\"subscribe\",\"channel\":\"trades\"}",
                    "TEXT   F      18  héllo 世界 👋",
                    "BINARY F       6  de ad be ef 00 01",
                ]
                #expect(Self.untimed(run.stdout, "→ ").filter { !$0.contains("CLOSE") } == sent.map { "→ " + $0 })
                #expect(Self.untimed(run.stdout, "← ").filter { !$0.contains("CLOSE") } == sent.map { "← " + $0 })
                #expect(run.stderr.contains("replaying 3 sent messages of connection 1"), "stderr: \(run.stderr)")
            }
        }

        /// At the capture's own pace (gaps of 0.5 s and 1.25 s) each echo is back long before the next message goes
        /// out, so sends and echoes alternate; with --lockstep they alternate by construction, without the gaps.
        @Test(arguments: [[], ["--lockstep"]])
        func sendsAndEchoesAlternate(_ pacing: [String]) async throws {
            try await withServer { server in
                let run = try CommandRun(["replay", OpenCaptureTests.chromeFixture, "--to", server.url + "/echo"] + pacing)
                #expect(try await run.waitForExit(timeout: 20) == 0, "stderr: \(run.stderr)")
                let arrows = run.stdout.split(separator: "\n").map { String($0.dropFirst(13).prefix(8)) }
                    .filter { !$0.contains("CLOSE") }
                #expect(arrows == ["→ TEXT  ", "← TEXT  ", "→ TEXT  ", "← TEXT  ", "→ BINARY", "← BINARY"], "\(run.stdout)")
            }
        }

        @Test func aConnectionTheCaptureDoesNotHoldExits2() async throws {
            let run = try CommandRun(["replay", OpenCaptureTests.chromeFixture, "--to", "ws://127.0.0.1:9/", "--connection", "2"])
            #expect(try await run.waitForExit() == 2)
            #expect(run.stderr.contains("--connection 2: the capture holds connections 1 to 1"), "stderr: \(run.stderr)")
        }
    }
}
