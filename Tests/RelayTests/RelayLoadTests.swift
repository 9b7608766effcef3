import ClientTestSupport
import Foundation
import ProcessTestSupport
import Relay
import Testing
import WebSocketServer
import WebSockets

/// Many connections and a flood through the relay: nothing lost, nothing reordered, memory bounded.
@Suite(.serialized) struct RelayLoadTests {
    static let connections = 100
    static let messagesPerConnection = 1_000

    @Test func aHundredConnectionsEachEchoAThousandMessagesInOrder() async throws {
        let server = try await TestServer.start()
        let relay = try await startRelay(upstream: server.url)
        let url = "\(relay.url)/echo"
        let mismatches = try await withTimeout(.seconds(240), "100 relayed connections x 1000 messages") {
            try await withThrowingTaskGroup(of: Int.self) { group in
                for client in 0..<Self.connections {
                    group.addTask { try await Self.exchange(url: url, client: client) }
                }
                return try await group.reduce(0, +)
            }
        }
        #expect(mismatches == 0)
        #expect(relay.connectionCount == Self.connections)
        try await relay.stopWithin()
        try await server.stopWithin()
    }

    /// Sends the numbered messages while reading the echoes; returns how many echoes were missing or out of place.
    private static func exchange(url: String, client: Int) async throws -> Int {
        let (stream, connection) = try await openStream(url)
        async let sending: Void = {
            for index in 0..<messagesPerConnection { try await connection.writable.write("\(client)-\(index)") }
        }()
        var mismatches = 0
        var iterator = connection.readable.makeAsyncIterator()
        for index in 0..<messagesPerConnection {
            guard case .text(let text) = try await iterator.next() else {
                mismatches += messagesPerConnection - index
                break
            }
            if text != "\(client)-\(index)" { mismatches += 1 }
        }
        try await sending
        try stream.close(code: 1000)
        _ = try await stream.closed
        return mismatches
    }

    @Test func aClientFloodingASlowServerKeepsTheRelaysMemoryBounded() async throws {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("relay-slow-\(UUID().uuidString.prefix(8)).jsonl")
        let serverPeer = try PeerProcess.start(
            try PeerProcess.python(), [PeerProcess.script("relay_peer.py"), "server", report.path])
        let upstreamPort = try await serverPeer.port()
        // The relay runs as its own process so its resident memory can be read from /proc.
        let relayPort = try await Self.freePort()
        let relayProcess = try PeerProcess.start(
            URL(fileURLWithPath: try Binary.wsinspect()),
            ["relay", "--listen", "127.0.0.1:\(relayPort)", "--upstream", "ws://127.0.0.1:\(upstreamPort)", "--no-deflate"])
        let (stream, connection) = try await Self.openWhenListening("ws://127.0.0.1:\(relayPort)/slow")
        let before = try Self.residentBytes(of: relayProcess.pid)
        // 2 048 messages of 64 KiB, 128 MiB in all, to a server that takes one every 2 ms: without backpressure the
        // relay would hold most of it. The client compresses them (deflate is on for both legs), so one read from
        // it holds hundreds of messages: the relay must also stop parsing, not only reading, when its queue is full.
        let payload = [UInt8](repeating: 0x5A, count: 64 << 10)
        let count = 2_048
        let pid = relayProcess.pid
        let peak = Recorder<Int>()
        let sampler = Task {
            while !Task.isCancelled {
                if let bytes = try? Self.residentBytes(of: pid) { peak.append(bytes) }
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
        try await withTimeout(.seconds(180), "flooding the slow server through the relay") {
            for _ in 0..<count { try await connection.writable.write(payload) }
        }
        try stream.close(code: 1000, reason: "flood done")
        _ = try await withTimeout(.seconds(60), "the close after the flood") { try await stream.closed }
        sampler.cancel()
        let growth = (peak.values.max() ?? before) - before
        // The relay's bound is 1 MiB queued plus one message, and the channels' 1 MiB high-water marks; 16 MiB
        // leaves room for the allocator and is an eighth of what was sent.
        #expect(growth < 16 << 20, "relay grew by \(growth >> 20) MiB while relaying 128 MiB to a slow reader")
        let entry = try await RelayPeerTests().serverReport(report, count: 1)[0]
        let received = entry["messages"] as? [[String: Any]] ?? []
        #expect(received.count == count)
        #expect(entry["close_code"] as? Int == 1000)
        #expect(entry["close_reason"] as? String == "flood done")
        FileHandle.standardError.write(Data("relay flood: resident growth \(growth >> 10) KiB over \(peak.values.count) samples\n".utf8))
    }

    @Test func aServerFloodingASlowClientKeepsTheRelaysMemoryBounded() async throws {
        let server = try await TestServer.start()
        let relayPort = try await Self.freePort()
        let relayProcess = try PeerProcess.start(
            URL(fileURLWithPath: try Binary.wsinspect()), ["relay", "--listen", "127.0.0.1:\(relayPort)", "--upstream", server.url])
        // 2 000 binary messages of 64 KiB (125 MiB) from the server, read by a client that takes one every 2 ms.
        let count = 2_000
        let (stream, connection) = try await Self.openWhenListening(
            "ws://127.0.0.1:\(relayPort)/flood?count=\(count)&size=65536&type=binary&close=1")
        let before = try Self.residentBytes(of: relayProcess.pid)
        let pid = relayProcess.pid
        let peak = Recorder<Int>()
        let sampler = Task {
            while !Task.isCancelled {
                if let bytes = try? Self.residentBytes(of: pid) { peak.append(bytes) }
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
        let received = try await withTimeout(.seconds(180), "reading the flood slowly through the relay") {
            var received = 0
            for try await message in connection.readable {
                if message.byteCount == 65_536 { received += 1 }
                try await Task.sleep(for: .milliseconds(2))
            }
            return received
        }
        sampler.cancel()
        let info = try await stream.closed
        let growth = (peak.values.max() ?? before) - before
        #expect(received == count)
        #expect(info.closeCode == 1000)
        // As for the client's flood: 1 MiB in the library's receive buffer and 1 MiB in the client's channel, plus
        // a message, is the bound; 16 MiB leaves room for the allocator.
        #expect(growth < 16 << 20, "relay grew by \(growth >> 20) MiB while relaying 125 MiB to a slow reader")
        FileHandle.standardError.write(Data("relay reverse flood: resident growth \(growth >> 10) KiB\n".utf8))
        try await server.stopWithin()
    }

    /// A port nothing listens on now (bound by a test server, which is then stopped).
    static func freePort() async throws -> Int {
        let probe = try await TestServer.start()
        let port = probe.port
        try await probe.stopWithin()
        return port
    }

    /// Connects once the relay process is listening, retrying for at most 20 s.
    static func openWhenListening(_ url: String) async throws -> (WebSocketStream, WebSocketStream.Connection) {
        var lastError: any Error = PeerFailure("the relay never listened on \(url)")
        // The close waits behind everything the relay and the slow server still hold: more than the default 5 s.
        let patient = Agent(limits: ConnectionLimits(closeTimeout: .seconds(60)))
        for _ in 0..<100 {
            do {
                let stream = try WebSocketStream(url: url, options: WebSocketStreamOptions(dispatcher: patient))
                return (stream, try await withTimeout(.seconds(20), "opening \(url)") { try await stream.opened })
            } catch {
                lastError = error
                try await Task.sleep(for: .milliseconds(200))
            }
        }
        throw lastError
    }

    /// VmRSS of a process, in bytes.
    static func residentBytes(of pid: Int32) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { throw PeerFailure("no VmRSS in /proc/\(pid)/status") }
        return kilobytes << 10
    }
}
