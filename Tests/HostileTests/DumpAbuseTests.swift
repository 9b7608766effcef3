import Foundation
import ProcessTestSupport
import Testing
import WebSocketServer

extension Hostile {
    /// Each abuse against `wsinspect --dump`: it exits by itself, its peak memory (from GNU time) stays under the
    /// case's bound, and stderr names the cause in words.
    @Suite("--dump", .serialized)
    struct DumpAbuseTests {
        @Test("wsinspect --dump survives", arguments: Abuse.all)
        func survives(_ abuse: Abuse) async throws {
            try await withServer { server in
                var arguments = ["--dump"] + abuse.dumpFlags + [server.url + "/abuse/" + abuse.route]
                if let seconds = abuse.handshakeSeconds { arguments = ["--connect-timeout", "\(seconds)"] + arguments }
                let run = try MeasuredRun(arguments)
                if let count = abuse.closeAfter {
                    if count > 0 {
                        try await run.waitForOutput("\(count) messages", timeout: 60) {
                            $0.components(separatedBy: "← BINARY").count - 1 >= count
                        }
                    }
                    run.closeInput()
                }
                let (status, peakKiB) = try await run.waitForExit(timeout: 60)
                let stderr = run.stderr
                // The inspector's closing note, e.g. "closed: server sent 1000 · we answered (clean)".
                let closed = stderr.split(separator: "\n").last { $0.contains("NOTE") && $0.contains("closed") }.map(String.init)
                switch abuse.ending {
                case .failed(_, let says), .refused(let says):
                    #expect(status != 0, "stderr: \(stderr)")
                    #expect(stderr.contains(says), "stderr: \(stderr)")
                    #expect(closed.map { !$0.contains("(clean)") } ?? true, "stderr: \(stderr)")
                    LibraryAbuseTests.expectPlainWords(stderr)
                case .clean(let code):
                    #expect(status == 0, "stderr: \(stderr)")
                    #expect(closed.map { $0.contains("(clean)") && $0.contains("\(code)") } == true, "stderr: \(stderr)")
                }
                if case .failed = abuse.ending { #expect(closed != nil, "no closing note; stderr: \(stderr)") }
                #expect(peakKiB >> 10 <= abuse.dumpMiB, "peak RSS \(peakKiB >> 10) MiB")
                print(
                    "--dump \(abuse.route): exit \(status), peak \(peakKiB >> 10) MiB (bound \(abuse.dumpMiB)), "
                        + "closed: \(closed ?? "none")")
            }
        }
    }
}
