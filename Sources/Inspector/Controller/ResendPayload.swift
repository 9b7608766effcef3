import WebSocketCore

/// A data message picked from the log to be sent again (`e`, `.`, `Space`): its payload exactly as an
/// application saw it, so what goes out is what came in.
package enum ResendPayload: Sendable, Hashable {
    /// A text message.
    case text(String)
    /// A binary message.
    case binary([UInt8])

    /// The effect that sends it.
    var effect: InspectorEffect {
        switch self {
        case .text(let text): return .sendText(text)
        case .binary(let bytes): return .sendBinary(bytes)
        }
    }

    /// The payload of the message `item` shows, or why it cannot be sent again.
    static func of(_ item: LogItem) -> Result<ResendPayload, ResendRefusal> {
        switch item {
        case .message(let message):
            guard message.isComplete else { return .failure(.incomplete) }
            guard !message.isCut else { return .failure(.cut) }
            guard !message.isRawDeflate else { return .failure(.compressed) }
            return .success(make(message.opcode, message.payload))
        case .record(let entry):
            let record = entry.record
            guard case .frame(let frame, let inflated) = record.kind,
                frame.header.opcode == .text || frame.header.opcode == .binary
            else { return .failure(record.frame == nil || record.isControlFrame ? .notData : .fragment) }
            // A fragment of a longer message is not the message: the message view (`m`) shows it whole.
            guard frame.header.fin else { return .failure(.fragment) }
            guard record.applicationCut == nil else { return .failure(.cut) }
            guard !(frame.header.rsv1 && inflated == nil) else { return .failure(.compressed) }
            return .success(make(frame.header.opcode, record.applicationPayload ?? []))
        }
    }

    private static func make(_ opcode: Opcode, _ payload: [UInt8]) -> ResendPayload {
        // A text message was checked as UTF-8 when it arrived (or when it was typed), so decoding loses nothing.
        opcode == .text ? .text(String(decoding: payload, as: UTF8.self)) : .binary(payload)
    }
}

/// Why a row's message cannot be edited, sent again, copied or saved; said in the log.
package enum ResendRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// A note, handshake or control frame.
    case notData
    /// One fragment of a fragmented message.
    case fragment
    /// A message whose last frame has not arrived.
    case incomplete
    /// The log kept only the start of the payload (`--max-record-bytes`).
    case cut
    /// A compressed payload the client did not inflate.
    case compressed

    /// The sentence the log shows.
    package var description: String {
        switch self {
        case .notData: return "only a text or binary message can be edited, sent again, copied or saved"
        case .fragment: return "this is one fragment of a message: press m for whole messages, then select it"
        case .incomplete: return "the message has not fully arrived"
        case .cut: return "the log kept only the start of this payload (--max-record-bytes), so it is not the exact payload"
        case .compressed: return "the payload was not inflated, so it is not what the application saw"
        }
    }
}
