import ClientTestSupport
import Foundation
import Testing
import WebSockets

/// Interoperability with Python `websockets`, a strict independent implementation, started by each test.
@Suite("Python websockets interop")
struct PythonInteropTests {
    @Test("Echo of text, binary and a 4 MiB message, then a clean client close")
    func echo() async throws {
        let peer = try await PythonPeer.start()
        let big = [UInt8](repeating: 0x5A, count: 4 << 20)
        let ws = try WebSocket(url: peer.url + "/", options: WebSocketInit(binaryType: .bytes))
        let events = try await runToClose(ws, limit: .seconds(30)) { ws, event in
            switch event {
            case .open:
                try ws.send("hello python")
                try ws.send([1, 2, 3])
                try ws.send(big)
            case .message(let m) where m.data.bytes.count == big.count:
                try ws.close(code: 4000, reason: "swift done")
            default: break
            }
        }
        #expect(events.messages.count == 3)
        #expect(events.messages[0] == .text("hello python"))
        #expect(events.messages[1] == .bytes([1, 2, 3]))
        #expect(events.messages[2] == .bytes(big))
        #expect(events.closeEvent == CloseEvent(wasClean: true, code: 4000, reason: "swift done"))
    }

    @Test("A close initiated by Python reports its code and reason")
    func pythonCloses() async throws {
        let peer = try await PythonPeer.start()
        let events = try await runToClose(try WebSocket(url: peer.url + "/close"))
        #expect(events.closeEvent == CloseEvent(wasClean: true, code: 4001, reason: "python says bye"))
    }

    @Test("Subprotocol negotiation with Python")
    func subprotocols() async throws {
        let peer = try await PythonPeer.start(["--protocols", "v2.chat,v1.chat"])
        let ws = try WebSocket(url: peer.url + "/", protocols: ["v1.chat"])
        let events = try await runToClose(ws) { ws, event in
            if case .open = event { try ws.close(code: 1000) }
        }
        guard case .open(let open) = events.first else {
            Issue.record("no open event: \(events)")
            return
        }
        #expect(open.protocol == "v1.chat")
    }

    @Test("Pings both ways: Python's ping is answered, ours returns an RTT")
    func pings() async throws {
        let peer = try await PythonPeer.start()
        let ws = try WebSocket(url: peer.url + "/ping")
        let rtts = Recorder<Duration>()
        _ = try await runToClose(ws) { ws, event in
            if case .open = event {
                rtts.append(try await ws.ping([1, 2, 3, 4]))
                try ws.close(code: 1000)
            }
        }
        #expect(rtts.values.count == 1)
    }
}
