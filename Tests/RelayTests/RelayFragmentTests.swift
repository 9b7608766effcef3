import Foundation
import Relay
import Testing

/// How a fragmented message crosses the relay: Python `websockets` on both sides reports the sizes of the frames
/// each message arrived in (the server for the client's messages, the client for the server's echoes, which the
/// server sends in the frames it received). By default the relay keeps them, compressing frame by frame on a leg
/// that agreed to deflate; with `--whole-messages` every message goes on as one frame.
@Suite(.serialized) struct RelayFragmentTests {
    /// Where the fragmented messages are among the standard ones (Peers/relay_peer.py).
    static let fragmentedIndices = [5, 6, 7]

    /// Frame sizes per message, as the server received them and as the client received the echoes.
    struct Seen: Equatable, CustomStringConvertible {
        var byServer: [[Int]]
        var byClient: [[Int]]
        var description: String { "server \(byServer), client \(byClient)" }
    }

    @Test func withoutTheRelayEachSideSeesTheOthersFragments() async throws {
        let seen = try await frames(throughRelay: false, clientDeflates: false, serverDeflates: false)
        // websockets sends each fragment, then an empty final frame: "frag", "ment", "ed ☃" (6 bytes), "".
        #expect(seen.byServer[5] == [4, 4, 6, 0] && seen.byServer[6] == [2, 2, 2, 0], "\(seen)")
        #expect(seen.byServer[7] == [100, 20000, 300, 0], "\(seen)")
        #expect(seen.byClient == seen.byServer, "\(seen)")
        let whole = seen.byServer.enumerated().filter { !Self.fragmentedIndices.contains($0.offset) }
        #expect(whole.allSatisfy { $0.element.count == 1 }, "\(seen)")
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func throughTheRelayFragmentsKeepTheirSizes(clientDeflates: Bool, serverDeflates: Bool) async throws {
        let direct = try await frames(throughRelay: false, clientDeflates: false, serverDeflates: false)
        let relayed = try await frames(throughRelay: true, clientDeflates: clientDeflates, serverDeflates: serverDeflates)
        #expect(relayed == direct, "relayed \(relayed), direct \(direct)")
    }

    @Test(arguments: [false, true])
    func withWholeMessagesEveryMessageIsOneFrame(deflates: Bool) async throws {
        let seen = try await frames(
            throughRelay: true, clientDeflates: deflates, serverDeflates: deflates, wholeMessages: true)
        let messages = try await RelayPeerTests().expectedMessages()
        // "type length sha256", as the Python peer describes each message.
        let oneFrameEach = messages.map { [Int($0.split(separator: " ")[1]) ?? -1] }
        #expect(seen.byServer == oneFrameEach, "\(seen)")
        #expect(seen.byClient == oneFrameEach, "\(seen)")
    }

    /// Runs the Python client against the Python server, directly or through a relay, and returns the frame sizes
    /// each side saw; checks on the way that every message and echo arrived intact.
    func frames(
        throughRelay: Bool, clientDeflates: Bool, serverDeflates: Bool, wholeMessages: Bool = false
    ) async throws -> Seen {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent(
            "relay-frames-\(UUID().uuidString.prefix(8)).jsonl")
        let python = try PeerProcess.python()
        let serverPeer = try PeerProcess.start(
            python, [PeerProcess.script("relay_peer.py"), "server", report.path] + (serverDeflates ? ["--deflate"] : []))
        let port = try await serverPeer.port()
        let relay =
            throughRelay
            ? try await startRelay(upstream: "ws://127.0.0.1:\(port)") { $0.wholeMessages = wholeMessages } : nil
        let url = relay?.url ?? "ws://127.0.0.1:\(port)"
        let result = try await runClientPeer(
            python, [PeerProcess.script("relay_peer.py"), "client", url] + (clientDeflates ? ["--deflate"] : []))
        let echoes = result["echoes"] as? [String: Bool] ?? [:]
        #expect(echoes.count == RelayPeerTests.pythonMessages.count && echoes.values.allSatisfy { $0 }, "\(echoes)")
        if throughRelay {
            // Each leg's own agreement: the relay offers and accepts deflate, so a leg compresses when its peer does.
            #expect(((result["extensions"] as? String)?.contains("permessage-deflate") ?? false) == clientDeflates)
        }
        let entry = try await RelayPeerTests().serverReport(report, count: 1)[0]
        try await relay?.stopWithin()
        #expect(((entry["extensions"] as? String)?.contains("permessage-deflate") ?? false) == serverDeflates)
        let messages = entry["messages"] as? [[String: Any]] ?? []
        #expect(messages.map(RelayPeerTests.summary) == (try await RelayPeerTests().expectedMessages()))
        let names = RelayPeerTests.pythonMessages
        let echoFrames = result["echo_frames"] as? [String: [Int]] ?? [:]
        return Seen(
            byServer: messages.map { $0["frame_sizes"] as? [Int] ?? [] },
            byClient: names.map { echoFrames[$0] ?? [] })
    }
}
