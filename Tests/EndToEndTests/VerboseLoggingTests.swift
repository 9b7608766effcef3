import Foundation
import ProcessTestSupport
import Testing

extension EndToEnd {
    /// `--verbose`: the library's swift-log lines on stderr under `--dump`, nothing of them without it.
    @Suite("--verbose", .serialized)
    struct VerboseLoggingTests {
        private func dumpOneEcho(_ arguments: [String]) async throws -> CommandRun {
            let run = try CommandRun(["--dump"] + arguments, environment: ["XDG_CONFIG_HOME": "/nonexistent"])
            run.write("hello\n")
            try await run.waitForOutput("the echo") { $0.contains("← TEXT") }
            run.closeInput()
            #expect(try await run.waitForExit() == 0, "stderr: \(run.stderr)")
            return run
        }

        @Test("--dump --verbose prints the connection's life-cycle on stderr, the URL's password hidden")
        func lifeCycle() async throws {
            try await withServer { server in
                let url = server.url.replacingOccurrences(of: "ws://", with: "ws://alice:hunter2@") + "/echo"
                let run = try await dumpOneEcho(["--verbose", url])
                let shown = server.url + "/echo"
                for line in [
                    "wsinspect: websockets: debug: connecting to \(shown) (direct)",
                    "wsinspect: websockets: debug: TCP to \(shown.dropFirst(5).prefix { $0 != "/" })",
                    "wsinspect: websockets: debug: handshake done: \(shown) is open, extensions permessage-deflate",
                    "wsinspect: websockets: debug: close requested for \(shown) with code 1000",
                    "wsinspect: websockets: debug: connection to \(shown) closed: code 1000",
                ] {
                    #expect(run.stderr.contains(line), "no \(line) in:\n\(run.stderr)")
                }
                #expect(!run.stderr.contains("hunter2"))
            }
        }

        @Test("--verbose names each proxy hop (tinyproxy with BasicAuth), its password hidden")
        func proxyHops() async throws {
            try await withServer { server in
                let proxy = try await ProxyPeer.tinyproxy(connectPort: server.port, user: "bob", password: "Tr0ub4dor")
                defer { proxy.stop() }
                let run = try await dumpOneEcho([
                    "--verbose", "--proxy", "http://bob:Tr0ub4dor@127.0.0.1:\(proxy.port)", server.url + "/echo",
                ])
                let target = server.url.dropFirst("ws://".count)
                for line in [
                    "websockets: debug: connecting to \(server.url)/echo (via proxy 127.0.0.1:\(proxy.port))",
                    "websockets: debug: TCP to proxy 127.0.0.1:\(proxy.port), then CONNECT \(target)",
                    "websockets: trace: proxy 127.0.0.1:\(proxy.port): CONNECT \(target)",
                    "websockets: trace: proxy 127.0.0.1:\(proxy.port) answered: HTTP/1.0 200 Connection established",
                    "websockets: debug: tunnel to \(target) through proxy 127.0.0.1:\(proxy.port) is open",
                ] {
                    #expect(run.stderr.contains(line), "no \(line) in:\n\(run.stderr)")
                }
                #expect(!run.stderr.contains("Tr0ub4dor"))
            }
        }

        @Test("in the inspector, --verbose lines are NOTE rows in the log, not writes to the screen")
        func noteRows() async throws {
            try await withServer { server in
                try await withTmux("verbose") { tmux in
                    try tmux.type(try inspectorCommand(["--verbose", server.url + "/echo"]))
                    try tmux.press("Enter")
                    let screen = try await tmux.waitFor("the handshake line as a NOTE row") {
                        $0.hasLine(containing: "NOTE", "websockets: debug: handshake done")
                    }
                    #expect(screen.hasLine(containing: "NOTE", "websockets: debug: connecting to \(server.url)/echo"))
                    #expect(screen.screenLines.first?.contains("OPEN") == true, "\(screen)")
                    try tmux.press("q")
                    try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
                }
            }
        }

        @Test("without --verbose the library prints nothing")
        func quietByDefault() async throws {
            try await withServer { server in
                let run = try await dumpOneEcho([server.url + "/echo"])
                // Not on either stream: swift-log's own default handler (no bootstrap) would print at info and up.
                for (name, text) in [("stdout", run.stdout), ("stderr", run.stderr)] {
                    #expect(
                        !text.contains("websockets") && !text.contains("handshake done") && !text.contains("TCP to"),
                        "library log lines in \(name):\n\(text)")
                }
            }
        }
    }
}
