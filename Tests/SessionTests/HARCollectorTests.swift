import Captures
import Foundation
import Synchronization
import Testing
import WebSocketCore
import WebSockets

@testable import Session

/// The `--har` collector: whole messages rebuilt from the frames the tap shows, credentials hidden on the way
/// out, and the bounds leaving out a clean tail of the session and saying so.
@Suite struct HARCollectorTests {
    static let start = Date(timeIntervalSince1970: 1_764_842_400)

    static func frame(
        _ opcode: Opcode, _ payload: [UInt8], fin: Bool = true, inflated: [UInt8]? = nil, _ direction: WireRecord.Direction,
        at seconds: Double
    ) -> WireRecord {
        let header = FrameHeader(fin: fin, rsv1: inflated != nil, opcode: opcode, payloadLength: UInt64(payload.count))
        return WireRecord(
            time: start + seconds, direction: direction,
            content: .frame(Frame(header: header, payload: payload, inflatedPayload: inflated)))
    }

    static let request =
        "GET /echo HTTP/1.1\r\nHost: 127.0.0.1:9\r\nAuthorization: Bearer s3cret\r\n"
        + "Cookie: sid=abc; theme=dark\r\nSec-WebSocket-Protocol: chat, base64url.bearer.authorization.k8s.io.eyJhbGciOi\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
    static let response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nSec-WebSocket-Protocol: chat\r\n\r\n"

    static func handshake(_ collector: HARCollector, generation: Int = 1) {
        collector.connectionStarted(generation: generation, url: "http://alice:pw@127.0.0.1:9/echo", time: start)
        collector.observe(
            WireRecord(time: start + 0.01, direction: .sent, content: .handshakeRequest(Array(request.utf8))),
            generation: generation)
        collector.observe(
            WireRecord(time: start + 0.02, direction: .received, content: .handshakeResponse(Array(response.utf8))),
            generation: generation)
    }

    @Test func fragmentsAndCompressedFramesBecomeWholeMessages() throws {
        let collector = HARCollector(limits: .init(maxMessages: 100, maxBytes: 1 << 20), keepsControlFrames: false)
        Self.handshake(collector)
        collector.observe(Self.frame(.text, Array("hel".utf8), fin: false, .sent, at: 1), generation: 1)
        // The other direction's message arrives between the fragments.
        collector.observe(Self.frame(.binary, [0x01], inflated: [0xDE, 0xAD], .received, at: 1.5), generation: 1)
        collector.observe(Self.frame(.ping, [], .received, at: 1.6), generation: 1)
        collector.observe(Self.frame(.continuation, Array("lo".utf8), fin: true, .sent, at: 2), generation: 1)
        collector.observe(Self.frame(.close, [0x03, 0xE8] + Array("bye".utf8), .received, at: 3), generation: 1)
        let connection = try #require(collector.capture(showsSecrets: false).connections.first)
        #expect(
            connection.messages == [
                CapturedMessage(direction: .received, time: Self.start + 1.5, opcode: 2, payload: [0xDE, 0xAD]),
                CapturedMessage(direction: .sent, time: Self.start + 2, opcode: 1, payload: Array("hello".utf8)),
            ])
        #expect(connection.close == CapturedClose(code: 1000, reason: "bye", time: Self.start + 3))
        #expect(connection.status == 101 && connection.statusText == "Switching Protocols")
        #expect(connection.url == "ws://alice:***@127.0.0.1:9/echo")
        #expect(
            connection.requestHeaders.map(\.value) == [
                "127.0.0.1:9", "Bearer ***", "sid=***; theme=***", "chat, ***", "dGhlIHNhbXBsZSBub25jZQ==",
            ])
        #expect(connection.responseHeaders.last?.value == "chat")
        let secret = try #require(collector.capture(showsSecrets: true).connections.first)
        #expect(secret.url == "ws://alice:pw@127.0.0.1:9/echo")
        #expect(secret.requestHeaders[1].value == "Bearer s3cret")
    }

    @Test func controlFramesAreKeptWithFrameDetail() throws {
        let collector = HARCollector(limits: .init(maxMessages: 100, maxBytes: 1 << 20), keepsControlFrames: true)
        Self.handshake(collector)
        collector.observe(Self.frame(.ping, [7], .sent, at: 1), generation: 1)
        collector.observe(Self.frame(.pong, [7], .received, at: 1.1), generation: 1)
        collector.observe(Self.frame(.close, [0x0F, 0xA0], .sent, at: 2), generation: 1)
        let connection = try #require(collector.capture(showsSecrets: false).connections.first)
        #expect(connection.messages.map(\.opcode) == [9, 10, 8])
        #expect(connection.close?.code == 4000)
    }

    @Test func reconnectsAreSeparateEntriesAndARefusedAttemptLeavesNone() throws {
        let collector = HARCollector(limits: .init(maxMessages: 100, maxBytes: 1 << 20), keepsControlFrames: false)
        Self.handshake(collector, generation: 1)
        collector.connectionStarted(generation: 2, url: "not a url", time: Self.start)
        collector.connectionAbandoned(generation: 2)
        Self.handshake(collector, generation: 3)
        collector.observe(Self.frame(.text, [0x61], .sent, at: 1), generation: 3)
        let capture = collector.capture(showsSecrets: false)
        #expect(capture.connections.count == 2)
        #expect(capture.connections.map(\.messages.count) == [0, 1])
    }

    @Test func theMessageBoundLeavesOutTheRestAndSaysSo() throws {
        let reports = Mutex<[String]>([])
        let collector = HARCollector(limits: .init(maxMessages: 2, maxBytes: 1 << 20), keepsControlFrames: false) { text in
            reports.withLock { $0.append(text) }
        }
        Self.handshake(collector)
        for index in 0..<5 { collector.observe(Self.frame(.text, [0x61 + UInt8(index)], .sent, at: Double(index)), generation: 1) }
        let capture = collector.capture(showsSecrets: false)
        #expect(capture.connections[0].messages.map(\.payload) == [[0x61], [0x62]])
        let comment = try #require(capture.comment)
        #expect(comment.contains("--har-max-messages (2 messages) was reached"))
        #expect(comment.contains("first 2 messages, and 3 later messages (3 payload bytes) were left out"))
        #expect(reports.withLock { $0.count } == 1)
        #expect(reports.withLock { $0.first?.contains("--har-max-messages") } == true)
    }

    @Test func theByteBoundLeavesOutAWholeFragmentedMessageAndEverythingAfter() throws {
        // Handshake bytes count too: room for them and 250 payload bytes.
        let bound = Self.request.utf8.count + Self.response.utf8.count + 250
        let collector = HARCollector(limits: .init(maxMessages: 100, maxBytes: bound), keepsControlFrames: false)
        Self.handshake(collector)
        collector.observe(Self.frame(.binary, [UInt8](repeating: 1, count: 100), .received, at: 1), generation: 1)
        collector.observe(Self.frame(.binary, [UInt8](repeating: 2, count: 100), fin: false, .received, at: 2), generation: 1)
        collector.observe(Self.frame(.continuation, [UInt8](repeating: 2, count: 100), fin: true, .received, at: 3), generation: 1)
        collector.observe(Self.frame(.text, [0x61], .sent, at: 4), generation: 1)
        let capture = collector.capture(showsSecrets: false)
        #expect(capture.connections[0].messages.map(\.payload.count) == [100])
        #expect(capture.comment?.contains("--har-max-bytes (\(bound) bytes) was reached") == true)
        #expect(capture.comment?.contains("2 later messages (201 payload bytes)") == true)
    }

    @Test func aWholeSessionHasNoComment() {
        let collector = HARCollector(limits: .init(maxMessages: 10, maxBytes: 1 << 20), keepsControlFrames: false)
        Self.handshake(collector)
        collector.observe(Self.frame(.text, [0x61], .sent, at: 1), generation: 1)
        #expect(collector.capture(showsSecrets: false).comment == nil)
    }
}
