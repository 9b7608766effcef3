import Foundation
import ProcessTestSupport
import Testing

extension EndToEnd {
    /// Issue 21's copy and save in a real terminal: `y`/`Y` reach tmux's clipboard through OSC 52 (the harness
    /// runs tmux with `set-clipboard on`, so the copy lands in a paste buffer), and `w` writes exact bytes and
    /// replaces a file only after a second confirmation.
    @Suite("Copy and save in tmux", .serialized)
    struct CopyAndSaveTests {
        func start(_ tmux: Tmux, _ arguments: [String], in directory: URL? = nil) async throws {
            let cd = directory.map { "cd " + Tmux.quote($0.path) + " && " } ?? ""
            try tmux.type(cd + (try inspectorCommand(arguments)))
            try tmux.press("Enter")
            try await tmux.waitFor("OPEN") { $0.screenLines.first?.contains("OPEN") == true }
        }

        func send(_ tmux: Tmux, _ text: String, echo: String) async throws {
            try tmux.type(text)
            try tmux.press("Enter")
            try await tmux.waitFor("the echo of \(text)") { $0.hasLine(containing: "← ", echo) }
        }

        @Test("y puts the selected text in the clipboard as UTF-8, Y its base64")
        func copies() async throws {
            try await withServer { server in
                try await withTmux("copy") { tmux in
                    try await checkCopy(tmux, server.url + "/echo")
                }
            }
        }

        func checkCopy(_ tmux: Tmux, _ url: String) async throws {
            let text = "clip-me ✓ 42"
            try await start(tmux, [url, "--compose"])
            try await send(tmux, text, echo: text)
            try tmux.press("Escape")
            try tmux.press("y")
            try await tmux.waitFor("the copy note") { $0.contains("copied \(text.utf8.count) bytes to the clipboard") }
            try await waitForBuffer(tmux, text)
            // The note is now the newest row: select the echo again (two rows up) for Y.
            try tmux.press("k")
            try tmux.press("Y")
            try await waitForBuffer(tmux, Data(text.utf8).base64EncodedString())
            try tmux.press("q")
            try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
        }

        func waitForBuffer(_ tmux: Tmux, _ expected: String) async throws {
            let deadline = Date().addingTimeInterval(10)
            while try tmux.newestBuffer() != expected {
                if Date() > deadline {
                    Issue.record("tmux buffer is \(try tmux.newestBuffer().debugDescription), not \(expected.debugDescription)")
                    return
                }
                try await Task.sleep(for: .milliseconds(50))
            }
        }

        @Test("w writes the exact payload bytes; an existing file is replaced only after y")
        func saves() async throws {
            let directory = try makeTemporaryDirectory("save")
            defer { try? FileManager.default.removeItem(at: directory) }
            try await withServer { server in
                try await withTmux("save") { tmux in
                    try await checkSave(tmux, server.url + "/echo", directory)
                }
            }
        }

        func checkSave(_ tmux: Tmux, _ url: String, _ directory: URL) async throws {
            try await start(tmux, [url, "--compose"], in: directory)
            try await send(tmux, "hello-text", echo: "hello-text")
            try tmux.type("/mode hex")
            try tmux.press("Enter")
            // Typed at once, the next line would join this one as a paste (see TypingBurst): wait for the mode.
            try await tmux.waitFor("HEX mode") { $0.contains("─ Compose  HEX ") }
            try await send(tmux, "00 ff 1b 5b 32 4a 0a", echo: "00 ff 1b 5b 32 4a 0a")
            // Rows: 0 connecting, 1–2 handshake, 3 connected, 4–5 hello-text, 6–7 the binary message.
            try tmux.press("Escape", "g")
            for _ in 0..<7 { try tmux.press("j") }
            try tmux.press("w")
            let prompt = try await tmux.waitFor("the path prompt") { $0.contains("save to: ./ws-") }
            let name = try #require(prompt.firstMatch(of: #/save to: \./(ws-\d+\.bin)/#)?.1)
            try tmux.press("Enter")
            try await tmux.waitFor("the write note") { $0.contains("wrote 7 bytes to ./\(name)") }
            let file = directory.appendingPathComponent(String(name))
            #expect(try [UInt8](Data(contentsOf: file)) == [0x00, 0xff, 0x1b, 0x5b, 0x32, 0x4a, 0x0a])

            // The text message to the same path: Enter alone keeps the file.
            try tmux.press("g")
            for _ in 0..<5 { try tmux.press("j") }
            try tmux.press("w")
            try await tmux.waitFor("the txt name") { $0.contains("save to: ./ws-") && $0.contains(".txt") }
            try tmux.press("C-u")
            try tmux.type("./" + name)
            try tmux.press("Enter")
            try await tmux.waitFor("the overwrite question") { $0.contains("\(name) exists; overwrite it? (y/N)") }
            try tmux.press("Enter")
            try await tmux.waitFor("the refusal") { $0.contains("not saved: ./\(name) was left as it was") }
            #expect(try [UInt8](Data(contentsOf: file)) == [0x00, 0xff, 0x1b, 0x5b, 0x32, 0x4a, 0x0a])

            // Again, and y replaces it.
            try tmux.press("g")
            for _ in 0..<5 { try tmux.press("j") }
            try tmux.press("w", "C-u")
            try tmux.type("./" + name)
            try tmux.press("Enter")
            try await tmux.waitFor("the overwrite question") { $0.contains("overwrite it? (y/N)") }
            try tmux.type("y")
            try tmux.press("Enter")
            try await tmux.waitFor("the second write") { $0.contains("wrote 10 bytes to ./\(name)") }
            #expect(try Data(contentsOf: file) == Data("hello-text".utf8))
            try tmux.press("q")
            try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
        }
    }
}
