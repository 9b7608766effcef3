import ClientTestSupport
import Foundation
import Testing
import WebSocketCore
import WebSockets

/// permessage-deflate against Python `websockets` with compression on: the client compresses what it sends,
/// Python inflates it and echoes it compressed, the client inflates the echo. The wire tap proves both directions
/// really were compressed (RSV1 on the first frame of each message), and the echo proves each side inflated.
@Suite("permessage-deflate with Python websockets")
struct DeflateInteropTests {
    struct Setting: Sendable, CustomTestStringConvertible {
        var name: String
        /// Flags for python_peer.py.
        var python: [String]
        var offer = PerMessageDeflateOffer()
        /// What the 101 must say, exactly as Python answers.
        var extensions: String
        var testDescription: String { name }
    }

    static let settings: [Setting] = [
        Setting(
            name: "Python's defaults", python: ["--deflate"],
            extensions: "permessage-deflate; server_max_window_bits=12; client_max_window_bits=12"),
        Setting(
            name: "15-bit windows, context takeover", python: ["--server-max-window-bits", "15", "--client-max-window-bits", "15"],
            extensions: "permessage-deflate; server_max_window_bits=15; client_max_window_bits=15"),
        Setting(
            name: "9-bit windows both ways", python: ["--server-max-window-bits", "9", "--client-max-window-bits", "9"],
            extensions: "permessage-deflate; server_max_window_bits=9; client_max_window_bits=9"),
        Setting(
            name: "server window 10, client window 13", python: ["--server-max-window-bits", "10", "--client-max-window-bits", "13"],
            extensions: "permessage-deflate; server_max_window_bits=10; client_max_window_bits=13"),
        Setting(
            name: "no context takeover both ways", python: ["--server-no-context-takeover", "--client-no-context-takeover"],
            extensions: "permessage-deflate; server_no_context_takeover; client_no_context_takeover"),
        Setting(
            name: "we offer client_no_context_takeover and a server window", python: ["--deflate"],
            offer: PerMessageDeflateOffer(clientMaxWindowBits: 11, serverMaxWindowBits: 10, clientNoContextTakeover: true),
            extensions: "permessage-deflate; client_no_context_takeover; server_max_window_bits=10; client_max_window_bits=11"),
        Setting(
            name: "we ask for server_no_context_takeover", python: ["--client-max-window-bits", "10"],
            offer: PerMessageDeflateOffer(serverNoContextTakeover: true),
            extensions: "permessage-deflate; server_no_context_takeover; client_max_window_bits=10"),
    ]

    /// Several messages that share text (context takeover has something to reuse), a binary one, and one larger
    /// than any window.
    static func messages() -> [MessageData] {
        let line = "{\"event\":\"tick\",\"symbol\":\"WSI\",\"price\":101.25,\"volume\":3000,\"venue\":\"loopback\",\"seq\":42}"
        let long = (0..<3000).map { "\(line.prefix(20 + $0 % 40))\($0)" }.joined(separator: ",")
        return [
            .text(line), .text(line + " again"), .bytes(Array(repeating: 0xAB, count: 5000) + [1, 2, 3]),
            .text(line), .text(long), .text(long),
        ]
    }

    @Test("echo both ways compressed", arguments: settings)
    func echo(_ setting: Setting) async throws {
        let peer = try await PythonPeer.start(setting.python)
        let sent = Self.messages()
        // (direction, RSV1) of the first frame of every data message, from the wire tap.
        let firstFrames = Recorder<String>()
        let received = Recorder<Int>()
        let options = WebSocketInit(
            binaryType: .bytes,
            tap: { record in
                guard case .frame(let frame) = record.content else { return }
                if frame.header.opcode == .text || frame.header.opcode == .binary {
                    firstFrames.append("\(record.direction.rawValue) rsv1=\(frame.header.rsv1)")
                }
            },
            perMessageDeflate: setting.offer)
        let ws = try WebSocket(url: peer.url + "/", options: options)
        let events = try await runToClose(ws, limit: .seconds(30)) { ws, event in
            switch event {
            case .open:
                for message in sent {
                    switch message {
                    case .text(let text): try ws.send(text)
                    case .bytes(let bytes): try ws.send(bytes)
                    case .data(let data): try ws.send(data)
                    }
                }
            case .message:
                received.append(1)
                if received.values.count == sent.count { try ws.close(code: 1000, reason: "deflate done") }
            default: break
            }
        }
        guard case .open(let open) = events.first else {
            Issue.record("no open event: \(events)")
            return
        }
        #expect(open.extensions == setting.extensions)
        #expect(events.messages == sent)
        #expect(events.closeEvent == CloseEvent(wasClean: true, code: 1000, reason: "deflate done"))
        // Every message both ways is over the 64-byte threshold except none: all compressed.
        let expected = sent.map { _ in "sent rsv1=true" } + sent.map { _ in "received rsv1=true" }
        #expect(firstFrames.values.sorted() == expected.sorted())
    }
}
