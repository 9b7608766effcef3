import WebSocketCore

/// The pings `--ping-interval` sends, told apart from the user's own `/ping` by their payload, so the log can
/// hide them (and their pongs) by default while the status bar counts them.
package enum Keepalive {
    /// What every keepalive ping carries; a server's pong echoes it.
    package static let payload: [UInt8] = Array("wsinspect keepalive".utf8)

    /// Whether `record` is a keepalive ping or the pong answering one.
    package static func matches(_ record: InspectorRecord) -> Bool {
        guard case .frame(let frame, _) = record.kind else { return false }
        let opcode = frame.header.opcode
        return (opcode == .ping || opcode == .pong) && frame.payload == payload
    }
}
