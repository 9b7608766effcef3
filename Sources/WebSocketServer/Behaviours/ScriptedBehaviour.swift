import WebSocketCore

/// One thing a scripted behaviour sends right after the handshake.
enum ScriptStep: Sendable, Hashable {
    /// A text message.
    case text(String)
    /// A binary message.
    case binary([UInt8])
    /// A ping (at most 125 bytes; the router checks).
    case ping([UInt8])
    /// Bytes written as they are, frames or not.
    case raw([UInt8])
    /// A Close frame; `nil` code means an empty payload.
    case close(code: UInt16?, reason: String)
}

/// Sends a fixed script right after the handshake, then echoes. Serves `/headers`, `/ping`, `/hostile`, `/raw`,
/// `/close` and the frame misbehaviours under `/bad/`.
final class ScriptedBehaviour: Behaviour {
    private let script: [ScriptStep]

    /// Creates a behaviour that opens with `script`.
    init(_ script: [ScriptStep]) { self.script = script }

    func start(_ session: ServerSession) {
        for step in script {
            switch step {
            case .text(let text): session.send(.text(text))
            case .binary(let bytes): session.send(.binary(bytes))
            case .ping(let payload): session.sendPing(payload)
            case .raw(let bytes): session.writeRaw(bytes)
            case .close(let code, let reason): session.close(code: code, reason: reason)
            }
        }
    }
}
