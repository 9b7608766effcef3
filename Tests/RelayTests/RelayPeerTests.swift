import ClientTestSupport
import Foundation
import Relay
import Testing
import WebSocketServer

/// Third-party peers through the relay: a Python `websockets` client and a Node `ws` client, to the project's echo
/// server and to a Python `websockets` server. What arrived is checked on the far side: the clients compare each
/// echo with what they sent, and the Python server reports what it received and the close it got.
@Suite(.serialized) struct RelayPeerTests {
    /// The names of the messages the peer clients send (Peers/relay_peer.py, Peers/ws_relay_client.js).
    static let pythonMessages = [
        "text", "binary", "empty-text", "empty-binary", "mebibyte", "fragmented-text", "fragmented-binary",
        "fragmented-large", "after-fragments",
    ]
    static let nodeMessages = ["text", "binary", "empty-text", "empty-binary", "mebibyte", "fragmented-text"]

    @Test func aPythonClientTalksToTheProjectsEchoServerThroughTheRelay() async throws {
        let server = try await TestServer.start()
        let relay = try await startRelay(upstream: server.url)
        let result = try await runClientPeer(
            try PeerProcess.python(),
            [PeerProcess.script("relay_peer.py"), "client", "\(relay.url)/echo?protocol=second", "--protocols", "first,second"])
        #expect(result["subprotocol"] as? String == "second")
        let echoes = result["echoes"] as? [String: Bool] ?? [:]
        #expect(echoes == Dictionary(uniqueKeysWithValues: Self.pythonMessages.map { ($0, true) }))
        try await relay.stopWithin()
        try await server.stopWithin()
    }

    @Test func aPythonClientAndAPythonServerSeeEachOthersMessagesAndCloseThroughTheRelay() async throws {
        let report = try makeReportFile()
        let python = try PeerProcess.python()
        let serverPeer = try PeerProcess.start(
            python, [PeerProcess.script("relay_peer.py"), "server", report.path, "--protocols", "beta,gamma", "--deflate"])
        let port = try await serverPeer.port()
        let relay = try await startRelay(upstream: "ws://127.0.0.1:\(port)/base") { options in
            options.extraHeaders = [(name: "X-Extra", value: "from -H")]
        }
        let result = try await runClientPeer(
            python,
            [
                PeerProcess.script("relay_peer.py"), "client", "\(relay.url)/room?id=7", "--protocols", "alpha,gamma",
                "--cookie", "sid=s3cret", "--deflate",
            ])
        // The server supports beta and gamma; of the client's alpha and gamma only gamma fits.
        #expect(result["subprotocol"] as? String == "gamma")
        #expect((result["echoes"] as? [String: Bool] ?? [:]).values.allSatisfy { $0 })
        let entry = try await serverReport(report, count: 1)[0]
        #expect(entry["path"] as? String == "/base/room?id=7")
        #expect(entry["subprotocol"] as? String == "gamma")
        #expect(entry["cookie"] as? String == "sid=s3cret")
        #expect(entry["x-extra"] as? String == "from -H")
        #expect((entry["extensions"] as? String)?.hasPrefix("permessage-deflate") == true)
        let received = (entry["messages"] as? [[String: Any]] ?? []).map(Self.summary)
        #expect(received == (try await expectedMessages()))
        #expect(entry["close_code"] as? Int == 4000)
        #expect(entry["close_reason"] as? String == "python client says bye")
        try await relay.stopWithin()
    }

    @Test(arguments: [(clientDeflates: false, serverDeflates: true), (clientDeflates: true, serverDeflates: false)])
    func deflateIsNegotiatedOnEachLegOnItsOwn(clientDeflates: Bool, serverDeflates: Bool) async throws {
        let report = try makeReportFile()
        let python = try PeerProcess.python()
        let serverPeer = try PeerProcess.start(
            python, [PeerProcess.script("relay_peer.py"), "server", report.path] + (serverDeflates ? ["--deflate"] : []))
        let port = try await serverPeer.port()
        let relay = try await startRelay(upstream: "ws://127.0.0.1:\(port)")
        let result = try await runClientPeer(
            python, [PeerProcess.script("relay_peer.py"), "client", relay.url] + (clientDeflates ? ["--deflate"] : []))
        #expect(((result["extensions"] as? String)?.hasPrefix("permessage-deflate") ?? false) == clientDeflates)
        #expect((result["echoes"] as? [String: Bool])?.count == Self.pythonMessages.count)
        #expect((result["echoes"] as? [String: Bool] ?? [:]).values.allSatisfy { $0 })
        let entry = try await serverReport(report, count: 1)[0]
        #expect(((entry["extensions"] as? String)?.hasPrefix("permessage-deflate") ?? false) == serverDeflates)
        #expect((entry["messages"] as? [[String: Any]] ?? []).map(Self.summary) == (try await expectedMessages()))
        try await relay.stopWithin()
    }

    @Test func aPythonServersCloseCodeAndReasonReachThePythonClient() async throws {
        let report = try makeReportFile()
        let python = try PeerProcess.python()
        let serverPeer = try PeerProcess.start(python, [PeerProcess.script("relay_peer.py"), "server", report.path])
        let port = try await serverPeer.port()
        let relay = try await startRelay(upstream: "ws://127.0.0.1:\(port)")
        let result = try await runClientPeer(python, [PeerProcess.script("relay_peer.py"), "client", "\(relay.url)/server-closes"])
        #expect(result["first"] as? String == "closing soon")
        #expect(result["close_code"] as? Int == 4001)
        #expect(result["close_reason"] as? String == "python server says bye")
        try await relay.stopWithin()
    }

    @Test func aClientThatDropsTCPClosesTheServerWith1001() async throws {
        let report = try makeReportFile()
        let python = try PeerProcess.python()
        let serverPeer = try PeerProcess.start(python, [PeerProcess.script("relay_peer.py"), "server", report.path])
        let port = try await serverPeer.port()
        let relay = try await startRelay(upstream: "ws://127.0.0.1:\(port)")
        let result = try await runClientPeer(python, [PeerProcess.script("relay_peer.py"), "client-abort", relay.url])
        #expect(result["echo"] as? String == "before abort")
        let entry = try await serverReport(report, count: 1)[0]
        #expect(entry["close_code"] as? Int == 1001)
        #expect(entry["close_reason"] as? String == "client went away without a Close")
        try await relay.stopWithin()
    }

    @Test func stoppingTheRelayClosesBothSidesWith1001() async throws {
        let report = try makeReportFile()
        let serverPeer = try PeerProcess.start(try PeerProcess.python(), [PeerProcess.script("relay_peer.py"), "server", report.path])
        let port = try await serverPeer.port()
        let relay = try await startRelay(upstream: "ws://127.0.0.1:\(port)")
        let (stream, connection) = try await openStream(relay.url)
        try await withTimeout(.seconds(10), "the echo") {
            try await connection.writable.write("still here")
            var iterator = connection.readable.makeAsyncIterator()
            _ = try await iterator.next()
        }
        // stop() returns once the upstream's closing handshake is over, so the report is written by then.
        try await relay.stopWithin()
        let info = try await withTimeout(.seconds(10), "the client's close") { try await stream.closed }
        #expect(info.closeCode == 1001)
        let entry = try await serverReport(report, count: 1)[0]
        #expect(entry["close_code"] as? Int == 1001)
        #expect(entry["close_reason"] as? String == "relay stopping")
    }

    @Test func aNodeClientTalksToTheProjectsEchoServerAndToAPythonServerThroughTheRelay() async throws {
        let node = try Self.node()
        let server = try await TestServer.start()
        let toOurs = try await startRelay(upstream: server.url)
        let ours = try await runClientPeer(
            node, [PeerProcess.script("ws_relay_client.js"), "\(toOurs.url)/echo?protocol=second", "first,second"])
        #expect(ours["subprotocol"] as? String == "second")
        #expect(ours["echoes"] as? [String: Bool] == Dictionary(uniqueKeysWithValues: Self.nodeMessages.map { ($0, true) }))
        try await toOurs.stopWithin()
        try await server.stopWithin()

        let report = try makeReportFile()
        let serverPeer = try PeerProcess.start(
            try PeerProcess.python(), [PeerProcess.script("relay_peer.py"), "server", report.path, "--protocols", "second"])
        let port = try await serverPeer.port()
        let toPython = try await startRelay(upstream: "ws://127.0.0.1:\(port)")
        let theirs = try await runClientPeer(node, [PeerProcess.script("ws_relay_client.js"), toPython.url, "first,second"])
        #expect(theirs["subprotocol"] as? String == "second")
        #expect((theirs["echoes"] as? [String: Bool])?.count == Self.nodeMessages.count)
        #expect((theirs["echoes"] as? [String: Bool] ?? [:]).values.allSatisfy { $0 })
        let entry = try await serverReport(report, count: 1)[0]
        let received = (entry["messages"] as? [[String: Any]] ?? []).map(Self.summary)
        // Node sends the Python list minus the fragmented binary message.
        #expect(received == Array(try await expectedMessages().prefix(6)))
        #expect(entry["close_code"] as? Int == 4000)
        #expect(entry["close_reason"] as? String == "node client says bye")
        try await toPython.stopWithin()
    }

    // MARK: Helpers

    /// Node with the apt `ws` package, or an error that says how to install it.
    static func node() throws -> URL {
        for path in ["/usr/bin/node", "/usr/local/bin/node"] where FileManager.default.isExecutableFile(atPath: path) {
            guard FileManager.default.fileExists(atPath: "/usr/share/nodejs/ws") else {
                throw PeerFailure("Node's ws package is missing: apt-get install node-ws")
            }
            return URL(fileURLWithPath: path)
        }
        throw PeerFailure("node is not installed: apt-get install nodejs node-ws")
    }

    /// "type length sha256" for one message of a report.
    static func summary(_ message: [String: Any]) -> String {
        "\(message["type"] as? String ?? "?") \(message["length"] as? Int ?? -1) \(message["sha256"] as? String ?? "?")"
    }

    /// The standard messages as the Python peer itself describes them.
    func expectedMessages() async throws -> [String] {
        let peer = try PeerProcess.start(try PeerProcess.python(), [PeerProcess.script("relay_peer.py"), "expected"])
        let line = try await peer.firstLine()
        guard let list = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [[String: Any]] else {
            throw PeerFailure("relay_peer.py expected printed \"\(line)\"")
        }
        return list.map(Self.summary)
    }

    func makeReportFile() throws -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("relay-report-\(UUID().uuidString.prefix(8)).jsonl")
    }

    /// The server peer's report once it holds `count` connections, waiting for it at most 20 s.
    func serverReport(_ file: URL, count: Int) async throws -> [[String: Any]] {
        for _ in 0..<200 {
            if let text = try? String(contentsOf: file, encoding: .utf8) {
                let lines = text.split(separator: "\n")
                if lines.count >= count {
                    return lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
                }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw PeerFailure("the Python server reported no finished connection in \(file.path)")
    }
}
