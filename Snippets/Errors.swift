// snippet.hide
// Built with the package (SwiftPM compiles every file in Snippets/), shown in "Errors and limits".
import WebSockets

// snippet.show
// snippet.api
do {
    let ws = try WebSocket(url: "ftp://example.com/")
    _ = ws
} catch {
    print(error.kind, error.message)  // SyntaxError, and what was wrong with the URL
}
// snippet.stream
let stream = try WebSocketStream(url: "ws://127.0.0.1:9/")
do {
    _ = try await stream.opened
} catch let error as WebSocketError {
    print(error.cause, error.closeCode, error.message)  // connect 1006 connection refused (127.0.0.1:9)
}
// snippet.limits
let strict = Agent(
    limits: ConnectionLimits(
        maxPayloadSize: 1 << 20, maxFragments: 64, connectTimeout: .seconds(3), handshakeTimeout: .seconds(5)))
let limited = try WebSocket(url: "ws://127.0.0.1:8765/echo", options: WebSocketInit(dispatcher: strict))
// snippet.end
