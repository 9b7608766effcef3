import ClientTestSupport
import Testing
import WebSocketCore
import WebSocketServer
import WebSockets

@testable import Relay

/// The relay between the library's client and the project's server: messages, subprotocol, closes and failures.
@Suite(.serialized) struct RelayForwardingTests {
    @Test func messagesOfEveryKindComeBackThroughTheRelayUnchanged() async throws {
        let server = try await TestServer.start()
        let relay = try await startRelay(upstream: server.url)
        let (stream, connection) = try await openStream("\(relay.url)/echo")
        let mebibyte = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let sent: [WebSocketStream.Message] = [.text("héllo ✓"), .binary([0, 1, 2, 255]), .text(""), .binary([]), .binary(mebibyte)]
        let received = try await withTimeout(.seconds(30), "echoes through the relay") {
            var iterator = connection.readable.makeAsyncIterator()
            var echoes: [WebSocketStream.Message] = []
            for message in sent {
                switch message {
                case .text(let text): try await connection.writable.write(text)
                case .binary(let bytes): try await connection.writable.write(bytes)
                }
                if let echo = try await iterator.next() { echoes.append(echo) }
            }
            return echoes
        }
        #expect(received == sent)
        try stream.close(code: 1000)
        _ = try await withTimeout(.seconds(10), "close") { try await stream.closed }
        try await relay.stopWithin()
        try await server.stopWithin()
    }

    @Test func theUpstreamsSubprotocolChoiceReachesTheClient() async throws {
        let server = try await TestServer.start()
        let relay = try await startRelay(upstream: server.url)
        // The server is told to pick the second offer: a relay answering on its own would pick the first.
        let (stream, connection) = try await openStream("\(relay.url)/echo?protocol=second", protocols: ["first", "second"])
        #expect(connection.protocol == "second")
        try stream.close(code: 1000)
        _ = try await withTimeout(.seconds(10), "close") { try await stream.closed }
        try await relay.stopWithin()
        try await server.stopWithin()
    }

    @Test func theServersCloseCodeAndReasonReachTheClient() async throws {
        let server = try await TestServer.start()
        let relay = try await startRelay(upstream: server.url)
        let (stream, _) = try await openStream("\(relay.url)/close?code=4002&reason=server%20says%20bye")
        let info = try await withTimeout(.seconds(10), "close") { try await stream.closed }
        #expect(info == WebSocketStream.CloseInfo(closeCode: 4002, reason: "server says bye"))
        try await relay.stopWithin()
        try await server.stopWithin()
    }

    @Test func anUpstreamThatRefusesGivesTheClientACleanCloseWithTheReason() async throws {
        let server = try await TestServer.start()
        let relay = try await startRelay(upstream: server.url)
        // /bad/status-200 answers the upgrade with 200 OK.
        let (stream, _) = try await openStream("\(relay.url)/bad/status-200")
        let info = try await withTimeout(.seconds(10), "close") { try await stream.closed }
        #expect(info.closeCode == 1014)
        #expect(info.reason.hasPrefix("upstream refused: "))
        #expect(info.reason.contains("200"))
        try await relay.stopWithin()
        try await server.stopWithin()
    }

    @Test func anUnreachableUpstreamGivesTheClientACleanCloseWithTheReason() async throws {
        // A port that was just free: nothing listens there.
        let closed = try await TestServer.start()
        let port = closed.port
        try await closed.stopWithin()
        let relay = try await startRelay(upstream: "ws://127.0.0.1:\(port)")
        let (stream, _) = try await openStream(relay.url)
        let info = try await withTimeout(.seconds(20), "close") { try await stream.closed }
        #expect(info.closeCode == 1014)
        #expect(info.reason.hasPrefix("upstream refused: "))
        try await relay.stopWithin()
    }

    @Test func anUpstreamThatDropsTCPClosesTheClientWith1011() async throws {
        let server = try await TestServer.start()
        let observer = RecordingObserver()
        let relay = try await startRelay(upstream: server.url, observer: observer)
        let (stream, connection) = try await openStream("\(relay.url)/drop?after=1")
        try await connection.writable.write("one")
        let info = try await withTimeout(.seconds(20), "close") { try await stream.closed }
        #expect(info.closeCode == 1011)
        #expect(info.reason.hasPrefix("upstream failed: "))
        #expect(
            observer.events.values.contains {
                if case .ended(_, .server, 1011, _) = $0 { return true } else { return false }
            })
        try await relay.stopWithin()
        try await server.stopWithin()
    }

    @Test func aCloseSentRightBehindMessagesIsReportedAfterThem() async throws {
        let server = try await TestServer.start()
        let observer = RecordingObserver()
        let relay = try await startRelay(upstream: server.url, observer: observer)
        let (stream, connection) = try await openStream("\(relay.url)/echo")
        // No waiting for echoes: the Close follows the messages at once.
        for index in 0..<50 { try await connection.writable.write("m\(index)") }
        try stream.close(code: 4005, reason: "right behind")
        _ = try await withTimeout(.seconds(10), "close") { try await stream.closed }
        try await relay.stopWithin()
        try await server.stopWithin()
        let fromClient = observer.events.values.compactMap { event -> String? in
            switch event {
            case .forwarded(_, .clientToServer, .utf8Text(let bytes), _): return String(decoding: bytes, as: UTF8.self)
            case .closed(_, .client, let code, let reason): return "close \(code ?? 0) \(reason)"
            default: return nil
            }
        }
        #expect(fromClient == (0..<50).map { "m\($0)" } + ["close 4005 right behind"])
    }

    @Test func theRelayReportsEachForwardedMessageWithItsDirectionInOrder() async throws {
        let server = try await TestServer.start()
        let observer = RecordingObserver()
        let relay = try await startRelay(upstream: server.url, observer: observer)
        let (stream, connection) = try await openStream("\(relay.url)/echo")
        try await withTimeout(.seconds(20), "three echoes") {
            var iterator = connection.readable.makeAsyncIterator()
            for text in ["a", "b", "c"] {
                try await connection.writable.write(text)
                _ = try await iterator.next()
            }
        }
        try stream.close(code: 1000, reason: "done")
        _ = try await withTimeout(.seconds(10), "close") { try await stream.closed }
        try await relay.stopWithin()
        try await server.stopWithin()
        let forwarded = observer.events.values.compactMap { event -> String? in
            guard case .forwarded(1, let direction, .utf8Text(let bytes), _) = event else {
                if case .forwarded(1, let direction, .text(let text), _) = event {
                    return "\(direction == .clientToServer ? ">" : "<")\(text)"
                }
                return nil
            }
            return "\(direction == .clientToServer ? ">" : "<")\(String(decoding: bytes, as: UTF8.self))"
        }
        #expect(forwarded == [">a", "<a", ">b", "<b", ">c", "<c"])
        #expect(observer.events.values.contains(.closed(connection: 1, by: .client, code: 1000, reason: "done")))
    }
}
