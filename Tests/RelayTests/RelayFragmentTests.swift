import Foundation
import Testing

/// How a fragmented message reaches the far side: the Python server counts the frames each message arrived in.
/// Today the relay re-assembles every message (what `--whole-messages` will keep once frame-by-frame forwarding,
/// issue 27, is the default), so the far side sees one frame where the client sent several.
@Suite(.serialized) struct RelayFragmentTests {
    /// Where the fragmented messages are among the standard ones (Peers/relay_peer.py).
    static let fragmentedIndices = [5, 6]

    @Test func withoutTheRelayTheServerSeesTheClientsFragments() async throws {
        let frames = try await framesSeenByServer(throughRelay: false, clientDeflates: false, serverDeflates: false)
        // websockets sends each fragment, then an empty final frame.
        #expect(Self.fragmentedIndices.map { frames[$0] } == [4, 4], "\(frames)")
        #expect(frames.enumerated().filter { !Self.fragmentedIndices.contains($0.offset) }.allSatisfy { $0.element == 1 })
    }

    @Test(arguments: [(false, false), (true, false), (false, true)])
    func throughTheRelayAFragmentedMessageArrivesWhole(clientDeflates: Bool, serverDeflates: Bool) async throws {
        let frames = try await framesSeenByServer(
            throughRelay: true, clientDeflates: clientDeflates, serverDeflates: serverDeflates)
        #expect(frames == Array(repeating: 1, count: RelayPeerTests.pythonMessages.count), "\(frames)")
    }

    /// The standard messages sent by the Python client, and how many frames each reached the Python server in.
    func framesSeenByServer(throughRelay: Bool, clientDeflates: Bool, serverDeflates: Bool) async throws -> [Int] {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent(
            "relay-frames-\(UUID().uuidString.prefix(8)).jsonl")
        let python = try PeerProcess.python()
        let serverPeer = try PeerProcess.start(
            python, [PeerProcess.script("relay_peer.py"), "server", report.path] + (serverDeflates ? ["--deflate"] : []))
        let port = try await serverPeer.port()
        let relay = throughRelay ? try await startRelay(upstream: "ws://127.0.0.1:\(port)") : nil
        let url = relay?.url ?? "ws://127.0.0.1:\(port)"
        let result = try await runClientPeer(
            python, [PeerProcess.script("relay_peer.py"), "client", url] + (clientDeflates ? ["--deflate"] : []))
        #expect((result["echoes"] as? [String: Bool] ?? [:]).values.allSatisfy { $0 })
        let entry = try await RelayPeerTests().serverReport(report, count: 1)[0]
        try await relay?.stopWithin()
        let messages = entry["messages"] as? [[String: Any]] ?? []
        #expect(messages.map(RelayPeerTests.summary) == (try await RelayPeerTests().expectedMessages()))
        return messages.map { $0["frames"] as? Int ?? -1 }
    }
}
