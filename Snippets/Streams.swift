// snippet.hide
// Built with the package (SwiftPM compiles every file in Snippets/), shown in "Streams and backpressure".
import WebSockets

func reply(to message: WebSocketStream.Message) -> String { "ok" }

// snippet.show
// snippet.open
let stream = try WebSocketStream(
    url: "ws://127.0.0.1:8765/echo",
    options: WebSocketStreamOptions(protocols: ["chat"], highWaterMark: 1 << 20))
let connection = try await stream.opened  // cancelling this task while connecting aborts the handshake
try await connection.writable.write("hello")  // returns once the frame is handed to the socket
for try await message in connection.readable {  // .text(String) or .binary([UInt8])
    print(message)
    break
}
// snippet.executor
try await withTaskExecutorPreference(stream.taskExecutor) {
    for try await message in connection.readable {
        try await connection.writable.write(reply(to: message))
    }
}
// snippet.close
try stream.close(code: 1000, reason: "done")  // later writes throw at once
let info = try await stream.closed  // (closeCode, reason), or throws WebSocketError (1006 + cause)
print(info.closeCode, info.reason)
