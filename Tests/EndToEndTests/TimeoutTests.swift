import Foundation
import ProcessTestSupport
import Testing

extension EndToEnd {
    /// Issue 25, "Timeouts": --connect-timeout bounds the whole opening, --help says so, and the status bar
    /// counts up while connecting.
    @Suite("Timeouts", .serialized)
    struct TimeoutTests {
        @Test("--help says --connect-timeout covers the whole opening")
        func helpSaysWhich() async throws {
            let run = try CommandRun(["--help"])
            #expect(try await run.waitForExit() == 0)
            let help = run.stdout.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
            #expect(
                help.contains(
                    "--connect-timeout <seconds> Give up when the whole opening (TCP, TLS, proxy and WebSocket handshake) takes longer"),
                "\(run.stdout)")
        }

        @Test("against a server that accepts and never answers, --connect-timeout 1 gives up after the handshake's 1 s")
        func connectTimeoutCoversTheHandshake() async throws {
            try await withServer { server in
                try await withTmux("timeout") { tmux in
                    try tmux.type(try inspectorCommand(["--connect-timeout", "1", server.url + "/bad/silent"]))
                    try tmux.press("Enter")
                    // Bounded wait well under the library's 30 s handshake default, which the flag used to leave alone.
                    let screen = try await tmux.waitFor("the timeout", timeout: 15) { $0.hasLine(containing: "ERROR", "timeout") }
                    #expect(screen.hasLine(containing: "ERROR", "handshake timeout", "within 1 s"), "\(screen)")
                    try tmux.press("q")
                    try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
                }
            }
        }

        @Test("the status bar counts up while connecting")
        func connectingCountsUp() async throws {
            try await withServer { server in
                try await withTmux("counting") { tmux in
                    try tmux.type(try inspectorCommand(["--connect-timeout", "60", server.url + "/bad/silent"]))
                    try tmux.press("Enter")
                    var seen: Set<String> = []
                    try await tmux.waitFor("the count to go up") { screen in
                        guard let status = screen.screenLines.first, let range = status.range(of: "CONNECTING ") else {
                            return false
                        }
                        seen.insert(String(status[range.upperBound...].prefix { $0 != " " }))
                        return seen.count >= 3
                    }
                    #expect(seen.allSatisfy { Double($0) != nil }, "\(seen)")
                    try tmux.press("q")
                    try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
                }
            }
        }
    }
}

extension EndToEnd.TimeoutTests {
    @Test("--ping-interval keepalives are counted in the status bar, hidden from the log until c")
    func keepaliveHidden() async throws {
        try await withServer { server in
            try await withTmux("keepalive") { tmux in
                try tmux.type(try inspectorCommand(["--ping-interval", "0.1", server.url + "/echo"]))
                try tmux.press("Enter")
                try await tmux.waitFor("a few keepalives counted") { screen in
                    guard let status = screen.screenLines.first, let range = status.range(of: "keepalive ") else {
                        return false
                    }
                    return (Int(status[range.upperBound...].prefix(while: \.isNumber)) ?? 0) >= 3
                }
                var screen = try tmux.capture()
                #expect(!screen.hasLine(containing: "PING"), "a keepalive in the log:\n\(screen)")
                try tmux.press("Escape")
                try tmux.press("c")
                screen = try await tmux.waitFor("the keepalives shown") {
                    $0.hasLine(containing: "→ PING", "wsinspect keepalive") && $0.hasLine(containing: "← PONG", "wsinspect keepalive")
                }
                try tmux.press("q")
                try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
            }
        }
    }
}
