import ClientTestSupport
import Testing
import WebSocketCore
import WebSocketServer
import WebSockets

@testable import Relay

/// Intercept through a real relay: the library's client, the project's echo server behind it. What the server got
/// is read from its echo, so the relay's own account is only used to know when a message is held.
@Suite(.serialized) struct RelayInterceptTests {
    /// Waits (bounded) until `observer` has reported `count` held messages.
    func waitForHeld(_ observer: RecordingObserver, count: Int) async throws {
        try await withTimeout(.seconds(10), "\(count) held messages") {
            while observer.events.values.filter({ if case .held = $0 { return true } else { return false } }).count < count {
                try await Task.sleep(for: .milliseconds(5))
            }
        }
    }

    @Test func heldMessagesReachTheServerEditedAndInOrder() async throws {
        let server = try await TestServer.start()
        let observer = RecordingObserver()
        let relay = try await startRelay(upstream: server.url, observer: observer)
        let (stream, connection) = try await openStream("\(relay.url)/echo")
        relay.setIntercept(connection: 1, clientToServer: true, serverToClient: false)
        try await connection.writable.write("one")
        try await connection.writable.write("two")
        try await connection.writable.write("three")
        try await waitForHeld(observer, count: 3)
        // Decided last to first; the echoes show what the server got, and in which order.
        #expect(relay.decide(connection: 1, direction: .clientToServer, id: 3, .drop))
        #expect(relay.decide(connection: 1, direction: .clientToServer, id: 2, .replace(.text("two, edited"))))
        #expect(relay.decide(connection: 1, direction: .clientToServer, id: 1, .forward))
        relay.setIntercept(connection: 1, clientToServer: false, serverToClient: false)
        try await connection.writable.write("after")
        let echoes = try await withTimeout(.seconds(10), "the echoes") {
            var iterator = connection.readable.makeAsyncIterator()
            var echoes: [WebSocketStream.Message] = []
            while echoes.count < 3, let echo = try await iterator.next() { echoes.append(echo) }
            return echoes
        }
        #expect(echoes == [.text("one"), .text("two, edited"), .text("after")])
        try stream.close(code: 1000)
        _ = try await withTimeout(.seconds(10), "close") { try await stream.closed }
        try await relay.stopWithin()
        try await server.stopWithin()
    }

    @Test func aCloseIsNeverHeld() async throws {
        let server = try await TestServer.start()
        let observer = RecordingObserver()
        let relay = try await startRelay(upstream: server.url, observer: observer)
        let (stream, connection) = try await openStream("\(relay.url)/echo")
        relay.setIntercept(connection: 1, clientToServer: true, serverToClient: true)
        try await connection.writable.write("held")
        try await waitForHeld(observer, count: 1)
        // The Close passes while the message is held: the server's answer (it echoes the code) comes back.
        try stream.close(code: 4000, reason: "bye")
        let info = try await withTimeout(.seconds(10), "the close") { try await stream.closed }
        #expect(info.closeCode == 4000)
        try await relay.stopWithin()
        #expect(observer.events.values.contains(.released(connection: 1, direction: .clientToServer, id: 1, decision: .drop)))
        try await server.stopWithin()
    }

    @Test func injectedMessagesReachEitherSide() async throws {
        let server = try await TestServer.start()
        let observer = RecordingObserver()
        let relay = try await startRelay(upstream: server.url, observer: observer)
        let (stream, connection) = try await openStream("\(relay.url)/echo")
        // As in the inspector, a connection is acted on once its open is reported (the client may see its 101 first).
        try await withTimeout(.seconds(10), "the open event") {
            while !observer.events.values.contains(where: { if case .opened = $0 { return true } else { return false } }) {
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        let received = try await withTimeout(.seconds(10), "the injected messages") {
            var iterator = connection.readable.makeAsyncIterator()
            // Toward the client: it arrives as is. Toward the server: its echo comes back.
            #expect(relay.inject(.text("to the client"), connection: 1, direction: .serverToClient))
            let first = try await iterator.next()
            #expect(relay.inject(.binary([1, 2, 3]), connection: 1, direction: .clientToServer))
            let second = try await iterator.next()
            return [first, second]
        }
        #expect(received == [.text("to the client"), .binary([1, 2, 3])])
        #expect(!relay.inject(.text("x"), connection: 99, direction: .clientToServer), "no such connection")
        try stream.close(code: 1000)
        _ = try await withTimeout(.seconds(10), "close") { try await stream.closed }
        try await relay.stopWithin()
        try await server.stopWithin()
    }
}
