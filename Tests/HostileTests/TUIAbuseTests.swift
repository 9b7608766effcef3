import Foundation
import ProcessTestSupport
import Testing

extension Hostile {
    /// The inspector in a real terminal stays responsive while a server floods it or sends one 10 MB line: a key
    /// typed into compose shows on the screen. The waits are hang detectors, not timing thresholds.
    @Suite("TUI in tmux", .serialized)
    struct TUIAbuseTests {
        /// Starts the inspector in compose on `url` and waits for OPEN.
        func start(_ tmux: Tmux, _ url: String) async throws {
            try tmux.type(try inspectorCommand(["--compose", url]))
            try tmux.press("Enter")
            try await tmux.waitFor("OPEN in the status bar") { $0.screenLines.first?.contains("OPEN") == true }
        }

        /// The frames-received count in the status bar (`← 1234 fr`), or nil.
        static func framesReceived(_ screen: String) -> Int? {
            guard let bar = screen.screenLines.first, let arrow = bar.range(of: "← ") else { return nil }
            let digits = bar[arrow.upperBound...].prefix { $0.isNumber || $0 == "," }
            return Int(digits.filter(\.isNumber))
        }

        @Test("a key typed during a flood of small messages echoes while the flood goes on")
        func keyEchoesDuringFlood() async throws {
            try await withServer { server in
                try await withTmux("flood-keys") { tmux in
                    // Bounded: 50 M messages is far more than arrive before the test quits.
                    try await start(tmux, server.url + "/flood?count=50000000&size=16")
                    let before = try await tmux.waitFor("frames arriving") { (Self.framesReceived($0) ?? 0) > 1000 }
                    try tmux.type("typed-during-flood")
                    let echoed = try await tmux.waitFor("the typed text", timeout: 15) { $0.contains("typed-during-flood") }
                    // The flood was still running around the key: more frames counted after the echo than before.
                    let counted = try await tmux.waitFor("more frames") {
                        (Self.framesReceived($0) ?? 0) > (Self.framesReceived(echoed) ?? 0)
                    }
                    #expect((Self.framesReceived(counted) ?? 0) > (Self.framesReceived(before) ?? 0))
                    try tmux.press("C-c")
                    try await tmux.waitFor("the exit", timeout: 15) { $0.contains("EXIT=") }
                }
            }
        }

        @Test("a 10 MB text message on one line is shown on one row, and a key typed afterwards echoes")
        func tenMegabyteLine() async throws {
            try await withServer { server in
                try await withTmux("long-line", cols: 120, rows: 40) { tmux in
                    try await start(tmux, server.url + "/flood?count=1&size=10000000&type=text")
                    let screen = try await tmux.waitFor("the message row", timeout: 30) { $0.hasLine(containing: "← TEXT") }
                    // The screen keeps its shape: no row wider than the terminal, the status bar still on top.
                    #expect(screen.screenLines.allSatisfy { $0.count <= 120 }, "\(screen)")
                    #expect(screen.screenLines.first?.contains("OPEN") == true)
                    try tmux.type("typed-after-line")
                    try await tmux.waitFor("the typed text", timeout: 15) { $0.contains("typed-after-line") }
                    try tmux.press("C-c")
                    try await tmux.waitFor("the exit", timeout: 15) { $0.contains("EXIT=0") }
                }
            }
        }
    }
}
