import WebSockets

/// Close reasons the relay writes itself, cut to fit a Close frame.
enum CloseReason {
    /// RFC 6455 §5.5: a control frame's payload is at most 125 bytes, two of them the code.
    static let maxBytes = 123

    /// `text` cut at a character boundary so its UTF-8 is at most `maxBytes` long.
    static func clip(_ text: String) -> String {
        guard text.utf8.count > maxBytes else { return text }
        var clipped = ""
        for character in text {
            guard clipped.utf8.count + character.utf8.count <= maxBytes else { break }
            clipped.append(character)
        }
        return clipped
    }

    /// What an error says, without a type name: the library's own message where there is one.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as WebSocketError: return error.message
        case let error as WebSocketAPIError: return error.message
        default: return String(describing: error)
        }
    }
}
