import ClientTestSupport
import Foundation
import ProcessTestSupport
import Testing
import WebSocketServer
import WebSockets

/// `wsinspect relay` as a user runs it: flags, help, and `--dump`'s lines.
@Suite(.serialized) struct RelayCommandTests {
    @Test func dumpPrintsEveryForwardedMessageWithItsConnectionAndDirection() async throws {
        let server = try await TestServer.start()
        let port = try await RelayLoadTests.freePort()
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("relay-dump-\(UUID().uuidString.prefix(8)).txt")
        let relay = try PeerProcess.start(
            URL(fileURLWithPath: try Binary.wsinspect()),
            ["relay", "--listen", "127.0.0.1:\(port)", "--upstream", server.url, "--dump"], stdoutFile: output)
        let (stream, connection) = try await RelayLoadTests.openWhenListening("ws://127.0.0.1:\(port)/echo")
        try await withTimeout(.seconds(20), "two echoes") {
            var iterator = connection.readable.makeAsyncIterator()
            try await connection.writable.write("hello \u{1B}[2J")
            _ = try await iterator.next()
            try await connection.writable.write([1, 2, 0xFF])
            _ = try await iterator.next()
        }
        try stream.close(code: 1000, reason: "bye")
        _ = try await withTimeout(.seconds(10), "close") { try await stream.closed }
        let lines = try await Self.lines(in: output, atLeast: 6)
        // Each line starts with the time; what follows is checked word by word.
        let rest = lines.map { $0.split(separator: " ", maxSplits: 1).last.map(String.init) ?? "" }
        #expect(rest[0].hasPrefix("#1 OPEN   127.0.0.1:"))
        #expect(rest[0].contains("-> ws://127.0.0.1:\(server.port)/echo protocol=-"))
        #expect(rest[1] == "#1 C->S TEXT         10  hello ␛[2J")
        #expect(rest[2] == "#1 S->C TEXT         10  hello ␛[2J")
        #expect(rest[3] == "#1 C->S BINARY        3  0102ff")
        #expect(rest[4] == "#1 S->C BINARY        3  0102ff")
        #expect(rest[5] == "#1 C->S CLOSE  1000 Normal Closure bye")
        _ = relay
        try await server.stopWithin()
    }

    @Test(arguments: [false, true])
    func noClientDeflateDeclinesTheClientsOffer(declines: Bool) async throws {
        let server = try await TestServer.start()
        let port = try await RelayLoadTests.freePort()
        let relay = try PeerProcess.start(
            URL(fileURLWithPath: try Binary.wsinspect()),
            ["relay", "--listen", "127.0.0.1:\(port)", "--upstream", server.url] + (declines ? ["--no-client-deflate"] : []))
        // The library's client offers permessage-deflate by default.
        let (stream, connection) = try await RelayLoadTests.openWhenListening("ws://127.0.0.1:\(port)/echo")
        #expect(connection.extensions.hasPrefix("permessage-deflate") == !declines, "\(connection.extensions)")
        try stream.close(code: 1000, reason: "bye")
        _ = try await withTimeout(.seconds(10), "close") { try await stream.closed }
        _ = relay
        try await server.stopWithin()
    }

    @Test func helpListsTheRelayAndItsFlagsInASCII() throws {
        let binary = try Binary.wsinspect()
        let relayHelp = try Spawn.run(binary, ["relay", "--help"], captureOutput: true)
        #expect(relayHelp.status == 0)
        let flags = [
            "--listen", "--listen-cert", "--listen-key", "--upstream", "--exact-upstream", "--no-client-deflate", "--dump",
            "-H", "--origin", "--proxy",
        ]
        for flag in flags {
            #expect(relayHelp.output.contains(flag), "relay --help lacks \(flag)")
        }
        let relayHelpIsASCII = relayHelp.output.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(relayHelpIsASCII)
        let mainHelp = try Spawn.run(binary, ["--help"], captureOutput: true)
        #expect(mainHelp.output.contains("wsinspect relay --listen"))
        let mainHelpIsASCII = mainHelp.output.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(mainHelpIsASCII)
    }

    /// docs/INSPECTOR.md's relay flag block is the OPTIONS part of `relay --help` at 120 columns, minus `-h`.
    @Test func theDocsRelayFlagBlockIsTheHelpText() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/INSPECTOR.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let section = try #require(text.components(separatedBy: "The relay's own flags").dropFirst().first)
        let block = try #require(
            section.components(separatedBy: "```text\n").dropFirst().first?.components(separatedBy: "\n```").first)
        let help = try Spawn.run(
            "/bin/sh", ["-c", "COLUMNS=120 exec \"$0\" relay --help", try Binary.wsinspect()], captureOutput: true)
        let options = try #require(help.output.components(separatedBy: "OPTIONS:\n").dropFirst().first)
        let expected = options.split(separator: "\n").filter { !$0.contains("--help") }.joined(separator: "\n")
        #expect(block == expected, "copy the OPTIONS lines of `COLUMNS=120 wsinspect relay --help` into the block")
    }

    @Test(arguments: [
        ["relay", "--upstream", "ws://127.0.0.1:1", "--listen", "nowhere"],
        ["relay", "--listen", "127.0.0.1:0"],
        ["relay", "--upstream", "ftp://example.com/", "--listen", "127.0.0.1:0"],
        ["relay", "--upstream", "ws://127.0.0.1:1", "-s", "chat"],
    ])
    func badFlagsExitWithStatus2(_ arguments: [String]) throws {
        let result = try Spawn.run(try Binary.wsinspect(), arguments, captureOutput: true)
        #expect(result.status == 2)
    }

    /// The file's lines once it has `count`, waiting at most 20 s.
    static func lines(in file: URL, atLeast count: Int) async throws -> [String] {
        var lines: [String] = []
        for _ in 0..<200 {
            lines = ((try? String(contentsOf: file, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
            if lines.count >= count { return lines }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw PeerFailure("relay --dump printed \(lines.count) lines, not \(count): \(lines)")
    }
}
