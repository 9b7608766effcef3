// snippet.hide
// Built with the package (SwiftPM compiles every file in Snippets/), shown in the DocC article "Getting started".
import WebSockets

// snippet.show
let ws = try WebSocket(url: "ws://127.0.0.1:8765/echo", protocols: ["chat"])
for await event in ws.events {
    switch event {
    case .open:
        try ws.send("hello")
        print("rtt", try await ws.ping())
    case .message(let message):
        print("got", message.data)  // .text(String), or .data(Data) / .bytes([UInt8]) per binaryType
        try ws.close(code: 1000, reason: "done")
    case .error(let error):
        print("failed:", error.message)  // always followed by .close
    case .close(let close):
        print("closed", close.code, close.reason, close.wasClean)
    case .pong:
        break
    }
}
