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

        @Test("the inspector survives each abuse: the screen names the ending, and a key typed afterwards echoes", arguments: Abuse.all)
        func survives(_ abuse: Abuse) async throws {
            try await withServer { server in
                // Wide enough that the status bar holds the longest error sentence whole.
                try await withTmux("abuse", cols: 300, rows: 50) { tmux in
                    var arguments = ["--compose"] + abuse.inspectorFlags
                    if let seconds = abuse.handshakeSeconds { arguments += ["--connect-timeout", "\(seconds)"] }
                    try tmux.type(try inspectorCommand(arguments + [server.url + "/abuse/" + abuse.route]))
                    try tmux.press("Enter")
                    if let count = abuse.closeAfter {
                        try await tmux.waitFor("OPEN", timeout: 30) { $0.screenLines.first?.contains("OPEN") == true }
                        if count > 0 {
                            try await tmux.waitFor("\(count) messages", timeout: 60) { (Self.framesReceived($0) ?? 0) >= count }
                        }
                        try tmux.type("/close 1000")
                        try tmux.press("Enter")
                    }
                    let ended: String
                    switch abuse.ending {
                    case .failed(_, let says), .refused(let says):
                        // The log's ERROR row may be cut at the pane's edge; the status bar holds the whole sentence.
                        ended = try await tmux.waitFor("the words \"\(says)\"", timeout: 60) {
                            $0.hasLine(containing: "ERROR", says) || $0.screenLines.first?.contains(says) == true
                        }
                        #expect(ended.screenLines.first?.contains("OPEN") != true, "\(ended)")
                    case .clean(let code):
                        ended = try await tmux.waitFor("CLOSED \(code)", timeout: 60) {
                            $0.screenLines.first.map { $0.contains("CLOSED") && $0.contains("\(code)") } == true
                        }
                        #expect(!ended.contains(" ERROR "), "\(ended)")
                    }
                    LibraryAbuseTests.expectPlainWords(ended)
                    try tmux.type("typed-after-abuse")
                    try await tmux.waitFor("the typed text", timeout: 15) { $0.contains("typed-after-abuse") }
                    try tmux.press("C-c")
                    let exit = try await tmux.waitFor("the exit", timeout: 15) { $0.screenLines.contains { $0.hasPrefix("EXIT=") } }
                    // A crash would end with a signal's status (128 + N).
                    let status = exit.screenLines.first { $0.hasPrefix("EXIT=") } ?? ""
                    #expect(status == "EXIT=0" || status == "EXIT=1", "\(exit)")
                }
            }
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
