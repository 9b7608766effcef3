import WebSocketCore

/// The text a search looks through for a record or a message: the whole kept payload, not only the preview.
///
/// Text is decoded as UTF-8 (invalid bytes as U+FFFD) so a pattern sees what the detail view shows; binary is its
/// ASCII gutter (what the hex pane's right column shows) and then its hex pairs (what the log row shows).
package enum SearchText {
    /// The searchable text of `record`; `continuing` is the opcode that began a continuation frame's message.
    package static func of(_ record: InspectorRecord, continuing: Opcode? = nil) -> String {
        switch record.kind {
        case .frame(let frame, let inflated):
            if frame.header.rsv1 && inflated == nil { return binary(frame.payload) }
            let opcode = frame.header.opcode == .continuation ? (continuing ?? .binary) : frame.header.opcode
            return payload(inflated ?? frame.payload, opcode: opcode)
        case .handshakeRequest(let bytes), .handshakeResponse(let bytes):
            return String(decoding: bytes, as: UTF8.self)
        case .note(let text, _):
            return text
        }
    }

    /// The searchable text of a whole message: its reassembled payload.
    package static func of(_ message: LogMessage) -> String {
        message.isRawDeflate ? binary(message.payload) : payload(message.payload, opcode: message.opcode)
    }

    static func payload(_ bytes: [UInt8], opcode: Opcode) -> String {
        switch opcode {
        case .text: return String(decoding: bytes, as: UTF8.self)
        case .close: return CloseFrameContent(payload: bytes).summary
        case .ping, .pong:
            return UTF8Validator.isValid(bytes[...]) ? String(decoding: bytes, as: UTF8.self) : binary(bytes)
        default: return binary(bytes)
        }
    }

    /// The ASCII gutter, a line feed, then the hex pairs.
    static func binary(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 4 + 1)
        for byte in bytes { out.append((0x20...0x7E).contains(byte) ? byte : UInt8(ascii: ".")) }
        out.append(0x0A)
        ByteFormat.appendHex(bytes, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
