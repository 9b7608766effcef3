import ClientTestSupport
import Foundation
import ProcessTestSupport
import Testing

/// `wsinspect relay` on a terminal (tmux), between Python `websockets` peers that write down what they received:
/// intercept, edit, drop and inject are checked on the far side.
@Suite("Relay inspector in tmux", .serialized)
struct RelayInspectorTests {
    /// Starts the relay in `tmux` in front of `upstreamPort` on a free port and returns its URL, read from the
    /// status bar. The mono theme, so the legs are written in ASCII (`C->S`) whatever the terminal.
    func startRelay(_ tmux: Tmux, upstreamPort: Int) async throws -> String {
        try tmux.type(
            try inspectorCommand(["relay", "--listen", "127.0.0.1:0", "--upstream", "ws://127.0.0.1:\(upstreamPort)", "--theme", "mono"]))
        try tmux.press("Enter")
        let screen = try await tmux.waitFor("RELAY in the status bar") {
            $0.screenLines.first?.contains("RELAY") == true && $0.contains("relaying ws://127.0.0.1:")
        }
        let status = screen.screenLines.first ?? ""
        guard let match = status.firstMatch(of: /ws:\/\/127\.0\.0\.1:(\d+) ->/) else {
            throw PeerFailure("no listen URL in the status bar: \(status)")
        }
        return "ws://127.0.0.1:\(match.1)"
    }

    /// The `text` of each JSON line a peer wrote to `file` so far.
    func texts(in file: URL) -> [String] {
        guard let data = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return data.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["text"] as? String
        }
    }

    /// Waits (bounded) until `file` holds a line whose text is `text`, and returns every text in it.
    func waitForText(_ text: String, in file: URL) async throws -> [String] {
        try await withTimeout(.seconds(20), "\"\(text)\" at the far side") {
            while !texts(in: file).contains(text) { try await Task.sleep(for: .milliseconds(50)) }
        }
        return texts(in: file)
    }

    /// Focuses compose, turns its target to connection `connection`'s client (`Ctrl-D`), sends `text` and waits for
    /// its INJECT row.
    func injectTowardClient(_ tmux: Tmux, connection: Int, _ text: String) async throws {
        try tmux.press("i")
        try tmux.press("C-d")
        try await tmux.waitFor("send -> client") {
            $0.screenLines.first?.contains("send -> client #\(connection)") == true
        }
        try tmux.type(text)
        try tmux.press("Enter")
        try await tmux.waitFor("the injected row") { $0.hasLine(containing: "->C", "INJECT", text) }
    }

    @Test("hold a client message, edit it and forward it, drop another; inject toward the client")
    func holdEditDropAndInject() async throws {
        let folder = try makeTemporaryDirectory("relay-intercept")
        defer { try? FileManager.default.removeItem(at: folder) }
        let serverLog = folder.appendingPathComponent("server.jsonl")
        let clientLog = folder.appendingPathComponent("client.jsonl")
        let go = folder.appendingPathComponent("go")
        let python = try PeerProcess.python()
        let script = PeerProcess.script("intercept_peer.py")
        let server = try PeerProcess.start(python, [script, "server", serverLog.path])
        let port = try await server.port()

        try await withTmux("relay-intercept", cols: 130, rows: 40) { tmux in
            let relayURL = try await startRelay(tmux, upstreamPort: port)
            let client = try PeerProcess.start(
                python, [script, "client", relayURL + "/chat", go.path, clientLog.path, "one", "two", "three"])
            _ = client
            try await tmux.waitFor("the connection's open row") { $0.hasLine(containing: "#1", "open /chat") }
            try tmux.press("I")
            try await tmux.waitFor("intercept C->S in the status bar") { $0.screenLines.first?.contains("intercept C->S") == true }
            FileManager.default.createFile(atPath: go.path, contents: nil)
            try await tmux.waitFor("three HELD rows") {
                $0.hasLine(containing: "#1", "C->S", "HELD", "one") && $0.hasLine(containing: "HELD", "two")
                    && $0.hasLine(containing: "HELD", "three")
            }

            // Following, the newest row is selected: drop "three".
            try tmux.press("d")
            try await tmux.waitFor("three dropped") { $0.hasLine(containing: "DROP", "three") }
            // Up to "two", edit it in compose and forward the edit.
            try tmux.press("k")
            try await tmux.waitFor("the log paused") { $0.screenLines.first?.contains("PAUSED") == true }
            try tmux.press("e")
            try await tmux.waitFor("two in compose") { $0.screenLines.first?.contains("Enter forwards the") == true }
            try tmux.press("End")
            try tmux.type("_edited")
            try await tmux.waitFor("the edit in compose") { $0.contains("two_edited") }
            try tmux.press("Enter")
            try await tmux.waitFor("the edit forwarded") {
                $0.hasLine(containing: "->S", "EDIT", "two_edited") && $0.hasLine(containing: "EDITED", "two")
            }
            // Up to "one" and forward it as it is.
            try tmux.press("k")
            try await tmux.waitFor("one selected") { $0.contains("..one|") }
            try tmux.press("Enter")
            try await tmux.waitFor("one forwarded") { $0.hasLine(containing: "FWD", "one") }

            // Compose toward the client, then a last message toward the server.
            try await injectTowardClient(tmux, connection: 1, "to-the-client")
            try tmux.press("C-d")
            try await tmux.waitFor("send -> server") { $0.screenLines.first?.contains("send -> server #1") == true }
            try tmux.type("sentinel")
            try tmux.press("Enter")

            // The server got the forwarded and the edited message, in order, and never the dropped one: the
            // sentinel, sent last, would have come after it.
            let atServer = try await waitForText("sentinel", in: serverLog)
            #expect(atServer == ["one", "two_edited", "sentinel"])
            let atClient = try await waitForText("to-the-client", in: clientLog)
            #expect(atClient == ["to-the-client"])

            try tmux.press("C-c")
            try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
        }
    }

    @Test("C lists two connections from two clients; Enter shows one, * all")
    func connectionListShowsTwoClients() async throws {
        let folder = try makeTemporaryDirectory("relay-list")
        defer { try? FileManager.default.removeItem(at: folder) }
        let python = try PeerProcess.python()
        let script = PeerProcess.script("intercept_peer.py")
        let server = try PeerProcess.start(python, [script, "server", folder.appendingPathComponent("server.jsonl").path])
        let port = try await server.port()
        // Never told to go: each client stays connected, sending nothing, until killed.
        let never = folder.appendingPathComponent("never").path
        try await withTmux("relay-list", cols: 130, rows: 40) { tmux in
            let relayURL = try await startRelay(tmux, upstreamPort: port)
            let first = try PeerProcess.start(python, [script, "client", relayURL + "/first", never, never + ".log"])
            try await tmux.waitFor("the first open row") { $0.hasLine(containing: "#1", "open /first") }
            let second = try PeerProcess.start(python, [script, "client", relayURL + "/second?room=2", never, never + ".log"])
            try await tmux.waitFor("the second open row") { $0.hasLine(containing: "#2", "open /second") }
            _ = (first, second)

            try tmux.press("C")
            // Settled, and with both rows: the list's title can be on screen before its rows are drawn.
            var screen = try await tmux.waitForSettled("the connection list") {
                $0.contains("Connections 2") && $0.hasLine(containing: "#1", "OPEN") && $0.hasLine(containing: "#2", "OPEN")
            }
            #expect(screen.hasLine(containing: "#1", "OPEN", "127.0.0.1:", "/first"), "\(screen)")
            #expect(screen.hasLine(containing: "#2", "OPEN", "127.0.0.1:", "/second?room=2"), "\(screen)")

            // The cursor starts on the newest: Enter shows #2 alone.
            try tmux.press("Enter")
            screen = try await tmux.waitFor("#2 in the status bar") { $0.screenLines.first?.contains(" #2 ") == true }
            #expect(!screen.contains("/first"), "\(screen)")
            #expect(screen.hasLine(containing: "#2", "open /second"), "\(screen)")

            try tmux.press("*")
            screen = try await tmux.waitFor("ALL in the status bar") { $0.screenLines.first?.contains(" ALL 2 ") == true }
            #expect(screen.hasLine(containing: "#1", "/first") && screen.hasLine(containing: "#2", "/second"), "\(screen)")

            try tmux.press("q")
            try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
        }
    }
}
