import Foundation
import ProcessTestSupport
import Testing

extension EndToEnd {
    /// Issue 25, "Failure wording", where the words come from a real run.
    @Suite("Failure wording", .serialized)
    struct FailureWordingTests {
        @Test("a URL without a scheme gets a suggestion")
        func missingScheme() async throws {
            let run = try CommandRun(["localhost:8765/echo"])
            let status = try await run.waitForExit()
            #expect(status == 2)
            #expect(run.stderr.contains("did you mean ws://localhost:8765/echo?"), "stderr: \(run.stderr)")
        }

        @Test("a decompression bomb is one ERROR row, worded with the limit in MiB")
        func bomb() async throws {
            try await withServer { server in
                try await withTmux("bomb") { tmux in
                    try tmux.type(try inspectorCommand([server.url + "/bomb?size=\(1 << 30)"]))
                    try tmux.press("Enter")
                    let screen = try await tmux.waitFor("the failure") { $0.hasLine(containing: "NOTE", "closed 10") }
                    #expect(
                        screen.hasLine(containing: "ERROR", "1009 message too big: inflated size passed the 128 MiB limit"),
                        "\(screen)")
                    let errors = screen.screenLines.filter { $0.contains(" ERROR ") }
                    #expect(errors.count == 1, "\(screen)")
                    #expect(!screen.contains("134217728"))
                    #expect(!screen.contains("we sent"), "the client's 1009 is not a close the user asked for:\n\(screen)")
                    try tmux.press("q")
                    try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
                }
            }
        }

        @Test("--max-message-size sets the limit a message is failed at, shown in --help with its default")
        func maxMessageSize() async throws {
            let help = try CommandRun(["--help"])
            #expect(try await help.waitForExit() == 0)
            let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(text.contains("--max-message-size <size> Accept messages up to this size"), "\(help.stdout)")
            #expect(text.contains("closes with 1009. (default: 128M)"), "\(help.stdout)")
            try await withServer { server in
                // 200 KiB inflated against a 64 KiB limit: --dump reports the failure on stderr.
                let run = try CommandRun(["--dump", "--max-message-size", "64K", server.url + "/bomb?size=204800"])
                #expect(try await run.waitForExit() != 0)
                #expect(run.stderr.contains("1009 message too big: inflated size passed the 64 KiB limit"), "\(run.stderr)")
            }
        }

        @Test("/close while connecting says the attempt was cancelled, and logs no error")
        func closeWhileConnecting() async throws {
            try await withServer { server in
                try await withTmux("cancel") { tmux in
                    // /bad/silent reads the upgrade request and never answers, so the attempt stays CONNECTING.
                    try tmux.type(try inspectorCommand(["--connect-timeout", "60", server.url + "/bad/silent"]))
                    try tmux.press("Enter")
                    try await tmux.waitFor("CONNECTING") { $0.screenLines.first?.contains("CONNECTING") == true }
                    try tmux.press("Escape")
                    try tmux.press("i")
                    try tmux.type("/close")
                    try tmux.press("Enter")
                    let screen = try await tmux.waitFor("the cancellation") {
                        $0.hasLine(containing: "NOTE", "connection attempt cancelled") && $0.hasLine(containing: "closed 1006")
                    }
                    #expect(!screen.hasLine(containing: "ERROR"), "\(screen)")
                    #expect(!screen.contains("close() was called"), "\(screen)")
                    try tmux.press("C-c")
                    try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
                }
            }
        }
    }
}
