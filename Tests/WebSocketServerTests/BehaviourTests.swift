import Testing
import WebSocketCore

@Suite("behaviours")
struct BehaviourTests {
    @Test func floodSendsCountMessagesOfSizeThenCloses() async throws {
        try await withServer { server in
            let client = try TestClient(port: server.port, target: "/flood?count=5000&size=100&type=text&close=1")
            let expected = String(decoding: (0..<100).map { UInt8(0x20 + $0 % 95) }, as: UTF8.self)
            for _ in 0..<5000 {
                #expect(try client.nextMessage() == .text(expected))
            }
            let close = try client.nextClose()
            #expect(close.code == CloseCode.normalClosure && close.reason == "flood done")
            try client.waitForEndOfStream()
        }
    }

    @Test func floodSendsLargeBinaryMessages() async throws {
        try await withServer { server in
            let client = try TestClient(port: server.port, target: "/flood?count=20&size=200000&type=binary&close=1")
            let expected = (0..<200_000).map { UInt8(truncatingIfNeeded: $0) }
            for _ in 0..<20 {
                #expect(try client.nextMessage() == .binary(expected))
            }
            #expect(try client.nextClose().reason == "flood done")
        }
    }

    @Test func floodWithoutCloseKeepsEchoing() async throws {
        try await withServer { server in
            let client = try TestClient(port: server.port, target: "/flood?count=3&size=0")
            for _ in 0..<3 { #expect(try client.nextMessage() == .text("")) }
            try client.send(text: "after")
            #expect(try client.nextMessage() == .text("after"))
        }
    }

    @Test func tickSendsTimestampedMessagesOfTheAskedSize() async throws {
        try await withServer { server in
            let client = try TestClient(port: server.port, target: "/tick?count=3&interval=1&size=40")
            var stamps: [UInt64] = []
            for _ in 0..<3 {
                guard case .text(let text) = try client.nextMessage() else {
                    Issue.record("a tick is a text message")
                    return
                }
                #expect(text.utf8.count == 40)
                let digits = text.prefix { $0 != " " }
                #expect(text.dropFirst(digits.count).allSatisfy { $0 == " " })
                stamps.append(try #require(UInt64(digits)))
            }
            // Each send time is read when the message goes out, so they never go backwards.
            #expect(stamps == stamps.sorted())
        }
    }

    @Test func sinkReportsTheCountAfterTheNthMessage() async throws {
        try await withServer { server in
            let client = try TestClient(port: server.port, target: "/sink?count=50")
            for index in 0..<50 { try client.send(binary: [UInt8(index)]) }
            #expect(try client.nextMessage() == .text("50"))
        }
    }

    @Test func closeRouteSendsTheCodeAndReason() async throws {
        try await withServer { server in
            let client = try TestClient(port: server.port, target: "/close?code=4001&reason=bye%20n%C3%B6w")
            let close = try client.nextClose()
            #expect(close.code == 4001 && close.reason == "bye nöw")
            try client.waitForEndOfStream()

            let empty = try TestClient(port: server.port, target: "/close")
            let emptyClose = try empty.nextClose()
            #expect(emptyClose.code == nil && emptyClose.reason == "")
            try empty.waitForEndOfStream()
        }
    }

    @Test func dropEchoesThenClosesWithoutCloseFrame() async throws {
        try await withServer { server in
            let client = try TestClient(port: server.port, target: "/drop?after=2")
            try client.send(text: "a")
            try client.send(text: "b")
            #expect(try client.nextMessage() == .text("a"))
            #expect(try client.nextMessage() == .text("b"))
            #expect(throws: ClientError.self) { try client.nextEvent() }

            let immediate = try TestClient(port: server.port, target: "/drop")
            #expect(throws: ClientError.self) { try immediate.nextEvent() }
        }
    }

    @Test func pingRouteSendsThePayload() async throws {
        try await withServer { server in
            let client = try TestClient(port: server.port, target: "/ping?payload=are+you+there")
            #expect(try client.nextEvent() == .ping(Array("are you there".utf8)))
            try client.send(text: "yes")
            #expect(try client.nextMessage() == .text("yes"))
        }
    }

    @Test func hostileSendsEscapesAndInvalidUTF8() async throws {
        try await withServer { server in
            let client = try TestClient(port: server.port, target: "/hostile")
            var texts: [String] = []
            var binary: [UInt8] = []
            while binary.isEmpty {
                switch try client.nextMessage() {
                case .text(let text): texts.append(text)
                case .binary(let bytes): binary = bytes
                case .utf8Text(let bytes): Issue.record("text came as bytes: \(bytes)")
                }
            }
            #expect(texts.contains { $0.hasPrefix("\u{1B}]0;") })
            #expect(texts.contains { $0.hasPrefix("\u{1B}]52;c;") })
            #expect(texts.contains { $0.contains("\u{202E}") })
            #expect(texts.contains { $0.utf8.count > 10_000 })
            #expect(!UTF8Validator.isValid(binary[...]))
        }
    }

    @Test func noCloseReplyIgnoresTheClientsClose() async throws {
        try await withServer { server in
            let client = try TestClient(port: server.port, target: "/bad/no-close-reply")
            try client.send(text: "x")
            #expect(try client.nextMessage() == .text("x"))
            try client.close()
            try client.socket.setTimeout(0.3)
            #expect(throws: SocketError.self) { try client.nextEvent() }
        }
    }
}
