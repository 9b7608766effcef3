import ClientTestSupport
import Foundation
import ProcessTestSupport
import Testing

/// `/export` in the relay inspector: a HAR gets one entry per relayed connection, named by its upstream URL, with the
/// client's messages as sent and the server's as received. The file is read with Foundation's own JSON reader.
@Suite("Relay export in tmux", .serialized)
struct RelayExportTests {
    @Test func aHARHasOneEntryPerRelayedConnection() async throws {
        let folder = try makeTemporaryDirectory("relay-export")
        defer { try? FileManager.default.removeItem(at: folder) }
        let python = try PeerProcess.python()
        let script = PeerProcess.script("intercept_peer.py")
        let server = try PeerProcess.start(python, [script, "server", folder.appendingPathComponent("server.jsonl").path])
        let port = try await server.port()
        let go = folder.appendingPathComponent("go")
        let har = folder.appendingPathComponent("relay.har")
        let inspector = RelayInspectorTests()
        try await withTmux("relay-export", cols: 130, rows: 40) { tmux in
            let relayURL = try await inspector.startRelay(tmux, upstreamPort: port)
            let first = try PeerProcess.start(
                python, [script, "client", relayURL + "/first", go.path, folder.appendingPathComponent("1.jsonl").path, "alpha"])
            try await tmux.waitFor("the first open row") { $0.hasLine(containing: "#1", "open /first") }
            let second = try PeerProcess.start(
                python,
                [script, "client", relayURL + "/second?room=2", go.path, folder.appendingPathComponent("2.jsonl").path, "beta"])
            try await tmux.waitFor("the second open row") { $0.hasLine(containing: "#2", "open /second") }
            _ = (first, second)
            FileManager.default.createFile(atPath: go.path, contents: nil)
            try await tmux.waitFor("both messages") {
                $0.hasLine(containing: "#1", "C->S", "alpha") && $0.hasLine(containing: "#2", "C->S", "beta")
            }
            // Toward the second client, so its entry holds a received message too: C picks it (the list's cursor
            // starts on the newest connection), whichever message came last.
            try tmux.press("C")
            try await tmux.waitForSettled("the connection list") { $0.contains("Connections 2") }
            try tmux.press("Enter")
            try await tmux.waitFor("#2 in the status bar") { $0.screenLines.first?.contains(" #2 ") == true }
            try await inspector.injectTowardClient(tmux, connection: 2, "to-two")
            try tmux.type("/export \(har.path)")
            try tmux.press("Enter")
            try await tmux.waitFor("the export note") { $0.contains("HAR written to") }

            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: har)) as? [String: Any]
            let entries = (json?["log"] as? [String: Any])?["entries"] as? [[String: Any]] ?? []
            let urls = entries.map { ($0["request"] as? [String: Any])?["url"] as? String ?? "" }
            #expect(urls == ["ws://127.0.0.1:\(port)/first", "ws://127.0.0.1:\(port)/second?room=2"], "\(urls)")
            let messages = entries.map { entry in
                (entry["_webSocketMessages"] as? [[String: Any]] ?? []).map {
                    "\($0["type"] as? String ?? "?") \($0["data"] as? String ?? "?")"
                }
            }
            #expect(messages == [["send alpha"], ["send beta", "receive to-two"]], "\(messages)")

            try tmux.press("C-c")
            try await tmux.waitFor("the exit") { $0.contains("EXIT=0") }
        }
    }
}
