import Foundation
import ProcessTestSupport
import Testing

extension EndToEnd {
    /// Issue 25's message view and issue 21's search, in a real terminal (tmux, 120×40) against the project's
    /// server sending frames exactly as written (`/raw?hex=…`).
    @Suite("Message view and search in tmux", .serialized)
    struct MessagesAndSearchTests {
        static let parts = [#"{"op":"subscribe","#, #""channel":"trades","#, #""depth":5}"#]

        /// Unmasked server frames, hex-encoded for `/raw?hex=`: each text with its first byte (FIN, opcode).
        static func hex(_ frames: [(UInt8, String)]) -> String {
            frames.flatMap { first, text in [first, UInt8(text.utf8.count)] + Array(text.utf8) }
                .map { String(format: "%02x", $0) }.joined()
        }

        func start(_ tmux: Tmux, _ url: String) async throws {
            try tmux.type(try inspectorCommand([url]))
            try tmux.press("Enter")
            try await tmux.waitFor("OPEN in the status bar") { $0.screenLines.first?.contains("OPEN") == true }
        }

        @Test("m shows a JSON message sent in 3 frames as one row with its frame count; Enter pretty-prints it whole")
        func fragmentedMessageIsOneRow() async throws {
            let raw = Self.hex([(0x01, Self.parts[0]), (0x00, Self.parts[1]), (0x80, Self.parts[2])])
            let json = Self.parts.joined()
            try await withServer { server in
                try await withTmux("messages") { tmux in
                    try await checkMessageView(tmux, server.url + "/raw?hex=" + raw, json: json)
                }
            }
        }

        func checkMessageView(_ tmux: Tmux, _ url: String, json: String) async throws {
            try await start(tmux, url)
            var screen = try await tmux.waitForSettled("the three frames") { $0.hasLine(containing: "← CONT   F") }
            #expect(screen.hasLine(containing: "← TEXT   -", #"{"op":"subscribe","#), "\(screen)")
            #expect(screen.screenLines.filter { $0.contains("← CONT") }.count == 2, "\(screen)")
            try tmux.press("m")
            screen = try await tmux.waitForSettled("one message row") { $0.contains("─ Messages ") }
            #expect(screen.hasLine(containing: "← TEXT   ×3", "\(json.utf8.count) B", json), "\(screen)")
            #expect(!screen.hasLine(containing: "← CONT"), "fragments are not rows of their own:\n\(screen)")
            // The newest row is the message; the hex pane lists the frames that carried it.
            #expect(screen.contains("─ Message #"), "\(screen)")
            #expect(screen.hasLine(containing: "message TEXT · 3 frames"), "\(screen)")
            #expect(screen.hasLine(containing: " 1. #", "TEXT", " -  "), "\(screen)")
            #expect(screen.hasLine(containing: " 3. #", "CONT", " F  "), "\(screen)")
            try tmux.press("Enter")
            screen = try await tmux.waitForSettled("the detail view") { $0.contains("· 3 frames ─") }
            // The keys in the order the server sent them.
            let expected = ["JSON", #"  "op" : "subscribe","#, #"  "channel" : "trades","#, #"  "depth" : 5"#]
            let rows = expected.map { line in screen.screenLines.firstIndex { $0.hasPrefix(line) } }
            #expect(!rows.contains(nil) && rows.map { $0 ?? 0 } == rows.map { $0 ?? 0 }.sorted(), "\(expected):\n\(screen)")
            try tmux.press("Escape")
            try tmux.press("m")
            try await tmux.waitFor("frames again") { $0.contains("─ Log ") && $0.hasLine(containing: "← CONT   F") }
            try tmux.press("q")
            try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
        }

        @Test("/ pattern Enter selects the first match after the selection, n the next, N the previous")
        func searchMovesTheSelection() async throws {
            let texts = (0..<7).map { "row \($0) " + ($0 % 2 == 1 ? "apple" : "pear") }
            let raw = Self.hex(texts.map { (0x81, $0) })
            try await withServer { server in
                try await withTmux("search") { tmux in
                    try await checkSearch(tmux, server.url + "/raw?hex=" + raw)
                }
            }
        }

        func checkSearch(_ tmux: Tmux, _ url: String) async throws {
            try await start(tmux, url)
            try await tmux.waitFor("the last message") { $0.hasLine(containing: "← TEXT", "row 6 pear") }
            try tmux.type("/apple")
            try await tmux.waitFor("the search prompt") { $0.screenLines.last(where: { !$0.isEmpty }) == "/apple" }
            try tmux.press("Enter")
            // The hex pane shows the selected frame, whose ASCII column holds its text.
            var screen = try await tmux.waitForSettled("apple 1 selected") { Self.selected(in: $0) == "row 1 apple" }
            #expect(screen.screenLines.first?.contains("PAUSED") == true, "\(screen)")
            #expect(screen.contains("search hit BOTTOM, continuing at TOP"), "\(screen)")
            // In the terminal, the matches are drawn in a style of their own: an SGR sequence starts
            // right before "apple" in a matching row, and none before "pear" in the others.
            let styled = try tmux.captureStyled().screenLines
            let apple = try #require(styled.first { $0.contains("row 5 ") })
            let pear = try #require(styled.first { $0.contains("row 4 ") })
            #expect(apple.range(of: #"\x1B\[[0-9;]*mapple"#, options: .regularExpression) != nil, "\(apple)")
            #expect(pear.range(of: #"\x1B\[[0-9;]*mpear"#, options: .regularExpression) == nil, "\(pear)")
            try tmux.press("n")
            try await tmux.waitFor("apple 3 selected") { Self.selected(in: $0) == "row 3 apple" }
            try tmux.press("n")
            try await tmux.waitFor("apple 5 selected") { Self.selected(in: $0) == "row 5 apple" }
            try tmux.press("N")
            try await tmux.waitFor("apple 3 selected") { Self.selected(in: $0) == "row 3 apple" }
            try tmux.type("?pear")
            try tmux.press("Enter")
            try await tmux.waitFor("pear 2 selected") { Self.selected(in: $0) == "row 2 pear" }
            try tmux.press("n")
            screen = try await tmux.waitForSettled("pear 0 selected") { Self.selected(in: $0) == "row 0 pear" }
            try tmux.type("/kiwi")
            try tmux.press("Enter")
            screen = try await tmux.waitForSettled("not found") { $0.contains("pattern not found: kiwi") }
            #expect(Self.selected(in: screen) == "row 0 pear", "a failed search leaves the selection:\n\(screen)")
            try tmux.press("q")
            try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
        }

        /// The text of the selected frame, from the first wire-bytes line's ASCII column in the hex pane.
        static func selected(in screen: String) -> String? {
            guard let frame = screen.range(of: "─ Frame #") else { return nil }
            let pane = screen[frame.upperBound...].split(separator: "\n")
            guard let line = pane.first(where: { $0.hasPrefix("00000000  81 ") }),
                let bar = line.firstIndex(of: "|")
            else { return nil }
            // Skip the two header bytes' dots.
            return String(line[line.index(bar, offsetBy: 3)...].dropLast())
        }
    }
}
