// snippet.hide
// Built with the package (SwiftPM compiles every file in Snippets/), shown in WebSocketCore's "Driving a connection".
import WebSocketCore

// snippet.show
// The opening handshake: bytes to write, then the server's answer to check.
let request = try HandshakeRequest(host: "127.0.0.1", port: 8765, secure: false, target: "/echo")
let upgrade: [UInt8] = request.serialized()  // write these to your socket

// After the 101: a client-side state machine. Bytes in, events out; calls to send, frames out.
var connection = WebSocketConnection(configuration: ConnectionConfiguration(role: .client))
_ = connection.sendText("hello")
for frame in connection.takeOutbound() {
    let bytes = frame.encoded()  // masked, ready for the socket
    _ = bytes
}

// Whatever the socket reads, in pieces of any size: here a server's unmasked "hi".
for event in connection.receive([0x81, 0x02, 0x68, 0x69]) {
    switch event {
    case .message(let message): print("message", message)
    case .closeReceived(let code, let reason): print("close", code ?? 1005, reason)
    case .failed(let violation): print("protocol error", violation)  // a Close to send is in takeOutbound()
    default: break
    }
}
// snippet.end
_ = upgrade
