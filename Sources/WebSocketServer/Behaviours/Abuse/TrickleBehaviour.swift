import NIOCore
import WebSocketCore

/// `/abuse/trickle?interval=MS`: writes the 101 response and one text message one byte at a time, a byte every
/// `interval` milliseconds (50 by default), then closes normally. A client must wait it out and work.
final class TrickleBehaviour: Behaviour {
    /// The message trickled after the handshake.
    static let message = "slow but whole"

    private let bytes: [UInt8]
    private let interval: TimeAmount
    private var next = 0

    /// Creates the behaviour for the request `head`, whose key the trickled 101 answers.
    init(head: HTTPHead, milliseconds: Int64) {
        let key = (try? ServerHandshake.parse(head).get())?.key ?? ""
        let text = Array(Self.message.utf8)
        bytes =
            ServerHandshake.response(key: key)
            + FrameEncoder.encode(FrameHeader(opcode: .text, payloadLength: UInt64(text.count)), payload: text)
        interval = .milliseconds(milliseconds)
    }

    func start(_ session: ServerSession) { step(session) }

    private func step(_ session: ServerSession) {
        guard next < bytes.count else {
            session.close(code: CloseCode.normalClosure, reason: "trickle done")
            session.flush()
            return
        }
        session.writeRaw([bytes[next]])
        session.flush()
        next += 1
        // `after` does nothing once the client has gone, so the trickle ends with the connection.
        session.after(interval) { [weak self] in self?.step(session) }
    }
}
