// The README's library examples as a program that imports only `WebSockets`: the tests build it, so a sample that
// stops compiling fails the build. Run it with a URL (e.g. `swift run readme-examples ws://127.0.0.1:8765/echo`
// against `wsinspect serve`); without one it only prints how.
import WebSockets

/// The README's first example: events, send, ping, close.
func eventsExample(url: String) async throws {
    let ws = try WebSocket(url: url, protocols: ["chat"])
    for await event in ws.events {  // or set ws.onopen / ws.onmessage / … callbacks
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
}

/// The README's options example: a proxy agent with TLS and limits, headers, the wire tap, and a deflate offer.
func optionsExample() throws -> WebSocket {
    let agent = try ProxyAgent(
        uri: "http://user:pass@127.0.0.1:3128", tls: TLSOptions(caFile: "ca.pem"),
        limits: ConnectionLimits(maxPayloadSize: 16 << 20, closeTimeout: .seconds(2)))
    let offer = PerMessageDeflateOffer(clientMaxWindowBits: 15)
    return try WebSocket(
        url: "wss://127.0.0.1:9443/",
        options: WebSocketInit(
            headers: [("Origin", "https://app.test")], dispatcher: agent,
            tap: { record in
                if case .frame(let frame) = record.content {
                    let header: FrameHeader = frame.header
                    print(record.direction, header.opcode, frame.wireByteCount ?? 0)  // every frame, exact wire bytes
                }
            },
            perMessageDeflate: offer))
}

/// The README's `WebSocketStream` example.
func streamExample(url: String) async throws {
    let stream = try WebSocketStream(
        url: url, options: WebSocketStreamOptions(protocols: ["chat"], highWaterMark: 1 << 20))
    let connection = try await stream.opened  // cancelling this task while connecting aborts the handshake
    try await connection.writable.write("hello")  // returns once the frame is handed to the socket
    for try await message in connection.readable {  // .text(String) or .binary([UInt8])
        print(message)
        try stream.close(code: 1000, reason: "done")  // later writes throw at once
    }
    let info = try await stream.closed  // (closeCode, reason), or throws WebSocketError (1006 + cause)
    print(info)
}

let arguments = CommandLine.arguments.dropFirst()
if let url = arguments.first {
    try await eventsExample(url: url)
    try await streamExample(url: url)
} else {
    print("usage: readme-examples ws://HOST:PORT/echo   (the README's library examples against a live echo server)")
}
