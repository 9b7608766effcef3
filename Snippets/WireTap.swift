import WebSocketCore
// snippet.hide
// Built with the package (SwiftPM compiles every file in Snippets/), shown in "The wire tap".
import WebSockets

// snippet.show
let ws = try WebSocket(
    url: "ws://127.0.0.1:8765/echo",
    options: WebSocketInit(tap: { record in
        switch record.content {
        case .handshakeRequest(let bytes), .handshakeResponse(let bytes), .proxy(let bytes):
            print(record.direction, "HTTP", bytes.count, "bytes")
        case .frame(let frame):
            let header: FrameHeader = frame.header
            print(record.direction, header.opcode, frame.wireByteCount ?? 0, "bytes on the wire")
        }
    }))
// snippet.end
