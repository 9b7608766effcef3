import ClientTestSupport
import Foundation
import Testing
import WebSocketCore
import WebSocketServer
import WebSockets

/// The wire tap shows the handshake and every frame, both ways, exactly as it crossed the socket.
@Suite("Wire tap")
struct WireTapTests {
    @Test("Records come in wire order with exact bytes; sent frames are masked and unmask to the payload")
    func records() async throws {
        let server = try await TestServer.start()
        let records = Recorder<WireRecord>()
        let ws = try WebSocket(url: server.url + "/echo", options: WebSocketInit(tap: { records.append($0) }))
        _ = try await runToClose(ws) { ws, event in
            if case .open = event { try ws.send("tap me") }
            if case .message = event { try ws.close(code: 1000, reason: "bye") }
        }
        let all = records.values
        guard case .handshakeRequest(let request) = all[0].content, all[0].direction == .sent else {
            Issue.record("first record is not the handshake request: \(all[0])")
            return
        }
        #expect(String(decoding: request, as: UTF8.self).hasPrefix("GET /echo HTTP/1.1\r\n"))
        guard case .handshakeResponse(let response) = all[1].content, all[1].direction == .received else {
            Issue.record("second record is not the handshake response")
            return
        }
        #expect(String(decoding: response, as: UTF8.self).hasPrefix("HTTP/1.1 101"))

        let frames = all.dropFirst(2).compactMap { r -> (WireRecord.Direction, Frame)? in
            if case .frame(let f) = r.content { return (r.direction, f) } else { return nil }
        }
        #expect(
            frames.map { "\($0.0.rawValue) \($0.1.header.opcode.name)" } == [
                "sent TEXT", "received TEXT", "sent CLOSE", "received CLOSE",
            ])
        let (_, sent) = frames[0]
        let key = try #require(sent.header.maskingKey)
        let wire = try #require(sent.wireBytes)
        // Header: FIN+TEXT, MASK bit with length 6, the key, then the payload XOR the key (RFC 6455 §5.3).
        #expect(Array(wire[0..<2]) == [0x81, 0x86])
        #expect(Array(wire[2..<6]) == key.bytes)
        let unmasked = wire[6...].enumerated().map { $0.element ^ key.bytes[$0.offset % 4] }
        #expect(unmasked == Array("tap me".utf8))
        #expect(sent.payload == Array("tap me".utf8))
        let (_, received) = frames[1]
        #expect(received.wireBytes == [0x81, 0x06] + Array("tap me".utf8))
        #expect(received.header.maskingKey == nil)
        #expect(all.map(\.time) == all.map(\.time).sorted())
        try await server.stopWithin()
    }
}
