import WebSocketCore

/// The one-line preview of a record shown in the log and matched by the filter: escaped text for text, hex for
/// binary, the decoded close, the HTTP start line of a handshake, the text of a note.
package enum RecordPreview {
    /// Payload bytes looked at for a preview; the rest only matters in the detail view.
    package static let textLimit = 512
    /// Bytes shown as hex in a binary preview.
    package static let hexLimit = 48

    /// The preview of `record`. `continuing` is the opcode that began the fragmented message a continuation frame
    /// belongs to, so its fragments preview as text or hex like the first one.
    package static func make(for record: InspectorRecord, continuing: Opcode? = nil) -> String {
        switch record.kind {
        case .frame(let frame, let inflated):
            let opcode = frame.header.opcode == .continuation ? (continuing ?? .binary) : frame.header.opcode
            // A compressed payload the client did not inflate is deflate output: show it as bytes.
            if frame.header.rsv1 && inflated == nil { return hex(frame.payload) }
            let payload = inflated ?? frame.payload
            switch opcode {
            case .text: return text(payload)
            case .close: return CloseFrameContent(payload: payload).summary
            case .ping, .pong:
                return UTF8Validator.isValid(payload) ? text(payload) : hex(payload)
            default: return hex(payload)
            }
        case .handshakeRequest(let bytes), .handshakeResponse(let bytes):
            let firstLine = bytes.prefix(while: { $0 != 0x0D && $0 != 0x0A })
            return SafeText.escape(firstLine.prefix(textLimit))
        case .note(let text, _):
            return SafeText.escape(text.utf8.count > textLimit ? String(text.prefix(textLimit)) + "…" : text)
        }
    }

    /// Escaped text from the first ``textLimit`` bytes, cut on a character boundary so a cut never shows up as
    /// bogus `\xNN` bytes.
    static func text(_ payload: [UInt8]) -> String {
        guard payload.count > textLimit else { return SafeText.escape(payload) }
        var end = textLimit
        // Back off over continuation bytes to the start of the character that straddles the limit.
        while end > 0 && payload[end] & 0xC0 == 0x80 { end -= 1 }
        return SafeText.escape(payload[..<end]) + "…"
    }

    static func hex(_ payload: [UInt8]) -> String {
        let shown = ByteFormat.hex(payload.prefix(hexLimit))
        return payload.count > hexLimit ? shown + " …" : shown
    }
}
