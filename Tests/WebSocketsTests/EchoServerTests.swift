import ClientTestSupport
import Foundation
import Testing
import WebSocketServer
import WebSockets

/// The client against the project's own NIO server: messages, subprotocols, headers and closing handshakes.
@Suite("WebSocket against the project's server")
struct EchoServerTests {
    /// Without permessage-deflate the 1 MiB + 3 message is masked and written in pieces, between frames batched
    /// before and after it; with it, compressed whole.
    @Test(
        "Text and binary messages echo back with their type, in order; bufferedAmount returns to 0",
        arguments: ["/echo", "/echo?deflate=0"])
    func echo(path: String) async throws {
        let server = try await TestServer.start()
        let big = (0..<((1 << 20) + 3)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let ws = try WebSocket(url: server.url + path)
        let events = try await runToClose(ws) { ws, event in
            switch event {
            case .open:
                try ws.send("héllo ✓")
                try ws.send(Data([0, 1, 2, 255]))
                try ws.send(big)
                try ws.send("after")
                #expect(ws.bufferedAmount > 0)
            case .message(let m):
                if ws.bufferedAmount == 0, m.data == .text("after") { try ws.close(code: 1000, reason: "done") }
            default: break
            }
        }
        #expect(events.names.first == "open")
        #expect(events.messages.count == 4)
        #expect(events.messages.first == .text("héllo ✓"))
        #expect(events.messages.dropFirst().first == .data(Data([0, 1, 2, 255])))
        // Compared to a Bool, so a failure does not print two megabytes.
        let bigEchoed = events.messages.dropFirst(2).first?.bytes
        #expect(bigEchoed.map { $0 == big } == true, "the 1 MiB + 3 echo differs (\(bigEchoed?.count ?? 0) bytes)")
        #expect(events.messages.last == .text("after"))
        // The server echoes our code (RFC 6455 §5.5.1) but not our reason; the event carries the server's.
        #expect(events.closeEvent == CloseEvent(wasClean: true, code: 1000, reason: ""))
        #expect(ws.bufferedAmount == 0)
        #expect(ws.readyState == .closed)
        try await server.stopWithin()
    }

    @Test("binaryType .bytes delivers [UInt8]")
    func binaryTypeBytes() async throws {
        let server = try await TestServer.start()
        let ws = try WebSocket(url: server.url + "/echo", options: WebSocketInit(binaryType: .bytes))
        let events = try await runToClose(ws) { ws, event in
            if case .open = event { try ws.send([9, 8, 7]) }
            if case .message = event { try ws.close() }
        }
        #expect(events.messages == [.bytes([9, 8, 7])])
        // close() without a code sends an empty Close; the echo has no code either: 1005.
        #expect(events.closeEvent == CloseEvent(wasClean: true, code: 1005, reason: ""))
        try await server.stopWithin()
    }

    @Test("The chosen subprotocol and the negotiated extensions are reported after open")
    func subprotocol() async throws {
        let server = try await TestServer.start()
        let ws = try WebSocket(url: server.url + "/echo", protocols: ["superchat", "chat"])
        let protocolSeen = Recorder<String>()
        _ = try await runToClose(ws) { ws, event in
            if case .open(let open) = event {
                protocolSeen.append(open.protocol)
                protocolSeen.append(ws.protocol)
                // The server accepts the default permessage-deflate offer on /echo.
                #expect(ws.extensions == "permessage-deflate")
                try ws.close(code: 1000)
            }
        }
        #expect(protocolSeen.values == ["superchat", "superchat"])
        try await server.stopWithin()
    }

    @Test("Custom headers go first, Host carries a non-default port, the WebSocket headers follow")
    func handshakeHeaders() async throws {
        let server = try await TestServer.start()
        let options = WebSocketInit(headers: [("Origin", "http://example.test"), ("X-Trace", "abc")])
        let ws = try WebSocket(url: server.url + "/headers", options: options)
        let events = try await runToClose(ws) { ws, event in
            if case .message = event { try ws.close(code: 1000) }
        }
        let head = try #require(events.messages.first?.text)
        let lines = head.components(separatedBy: "\r\n")
        #expect(lines[0] == "GET /headers HTTP/1.1")
        #expect(lines[1] == "Host: 127.0.0.1:\(server.port)")
        #expect(lines[2] == "Origin: http://example.test")
        #expect(lines[3] == "X-Trace: abc")
        #expect(lines.contains("Sec-WebSocket-Version: 13"))
        let origin = try #require(lines.firstIndex(of: "Origin: http://example.test"))
        let upgrade = try #require(lines.firstIndex { $0.lowercased() == "upgrade: websocket" })
        #expect(origin < upgrade)
        try await server.stopWithin()
    }

    @Test("A server-initiated close reports its code and reason, cleanly")
    func serverClose() async throws {
        let server = try await TestServer.start()
        let ws = try WebSocket(url: server.url + "/close?code=4321&reason=server%20says%20bye")
        let events = try await runToClose(ws)
        #expect(events.names == ["open", "close"])
        #expect(events.closeEvent == CloseEvent(wasClean: true, code: 4321, reason: "server says bye"))
        try await server.stopWithin()
    }

    @Test("A server Close without a code is reported as 1005")
    func serverCloseWithoutCode() async throws {
        let server = try await TestServer.start()
        let events = try await runToClose(try WebSocket(url: server.url + "/close"))
        #expect(events.closeEvent == CloseEvent(wasClean: true, code: 1005, reason: ""))
        try await server.stopWithin()
    }

    @Test("A dropped TCP connection gives error then close 1006, not clean")
    func drop() async throws {
        let server = try await TestServer.start()
        let ws = try WebSocket(url: server.url + "/drop?after=1")
        let events = try await runToClose(ws) { ws, event in
            if case .open = event { try ws.send("one") }
        }
        #expect(events.names == ["open", "message", "error", "close"])
        #expect(events.errorMessage?.contains("closed without a Close frame") == true)
        #expect(events.closeEvent?.code == 1006)
        #expect(events.closeEvent?.wasClean == false)
        try await server.stopWithin()
    }

    @Test("ping() resolves with a round-trip time and a pong event carries it")
    func ping() async throws {
        let server = try await TestServer.start()
        let ws = try WebSocket(url: server.url + "/echo")
        let rtts = Recorder<Duration>()
        let events = try await runToClose(ws) { ws, event in
            if case .open = event {
                let rtt = try await ws.ping(Array("are you there".utf8))
                rtts.append(rtt)
                try ws.close(code: 1000)
            }
        }
        let rtt = try #require(rtts.values.first)
        #expect(rtt > .zero && rtt < .seconds(5))
        let pong = events.compactMap { if case .pong(let p) = $0 { return p } else { return nil } }.first
        #expect(pong?.payload == Array("are you there".utf8))
        #expect(pong?.roundTripTime != nil)
        try await server.stopWithin()
    }

    @Test("A server ping is answered with a pong echoing its payload (seen on the wire tap)")
    func serverPing() async throws {
        let server = try await TestServer.start()
        let records = Recorder<WireRecord>()
        let ws = try WebSocket(url: server.url + "/ping?payload=knock", options: WebSocketInit(tap: { records.append($0) }))
        _ = try await runToClose(ws) { ws, event in
            if case .open = event { try ws.send("after ping") }
            if case .message = event { try ws.close(code: 1000) }
        }
        let sentPongs = records.values.compactMap { record -> [UInt8]? in
            guard record.direction == .sent, case .frame(let frame) = record.content, frame.header.opcode == .pong else { return nil }
            return frame.payload
        }
        #expect(sentPongs == [Array("knock".utf8)])
        try await server.stopWithin()
    }

    @Test("A subscriber attached right after init misses nothing of a 10 000-message flood")
    func noEventLost() async throws {
        let server = try await TestServer.start()
        let ws = try WebSocket(url: server.url + "/flood?count=10000&size=16&close=1")
        let events = try await runToClose(ws, limit: .seconds(60))
        #expect(events.first.map { if case .open = $0 { true } else { false } } == true)
        #expect(events.messages.count == 10000)
        #expect(events.closeEvent == CloseEvent(wasClean: true, code: 1000, reason: "flood done"))
        try await server.stopWithin()
    }

    @Test("Callbacks receive the same sequence as the event stream")
    func callbacks() async throws {
        let server = try await TestServer.start()
        let ws = try WebSocket(url: server.url + "/flood?count=100&size=8&close=1")
        let seen = Recorder<String>()
        let done = DispatchSemaphore(value: 0)
        ws.setCallbacks(
            onopen: { _ in seen.append("open") }, onmessage: { _ in seen.append("message") },
            onerror: { _ in seen.append("error") },
            onclose: { _ in
                seen.append("close")
                done.signal()
            })
        let finished = try await offThePool { done.wait(timeout: .now() + 15) == .success }
        #expect(finished)
        #expect(seen.values == ["open"] + Array(repeating: "message", count: 100) + ["close"])
        try await server.stopWithin()
    }
}
