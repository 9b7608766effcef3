/// What pressing Enter in the compose box asks for, once the input has been checked.
package enum ComposeAction: Sendable, Hashable {
    /// Send a text message.
    case sendText(String)
    /// Send a binary message.
    case sendBinary([UInt8])
    /// Send a ping with this payload (at most 125 bytes).
    case ping([UInt8])
    /// Close with an optional code (the library sends 1000 when only a reason is given) and a reason.
    case close(code: UInt16?, reason: String)
    /// Drop the connection and connect again, keeping the log.
    case reconnect
    /// Turn automatic reconnect on or off (`/reconnect auto`, `/reconnect off`).
    case setAutoReconnect(Bool)
    /// Drop the connection and connect to another URL with the same flags, keeping the log.
    case connect(String)
    /// Write what the log holds now to this file: HAR, or JSON Lines for a `.jsonl` name; with `filtered`, only
    /// the rows the filter shows (`/export --filtered FILE`).
    case export(path: String, filtered: Bool)
    /// Empty the log.
    case clear
    /// Show the help overlay.
    case help
    /// Switch the compose mode.
    case setMode(ComposeMode)
}

/// Why compose input was refused; shown inline under the compose box, and nothing is sent.
package enum ComposeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The buffer is empty.
    case nothingToSend
    /// Hex mode input that is not byte pairs; carries the offending token.
    case invalidHex(String)
    /// Base64 mode input that does not decode.
    case invalidBase64
    /// A close code other than 1000 or 3000–4999, or not a number; carries what was typed.
    case invalidCloseCode(String)
    /// `/close` followed by something that is not a number where the code goes; carries it.
    case notACloseCode(String)
    /// A close reason longer than 123 UTF-8 bytes; carries its length.
    case closeReasonTooLong(Int)
    /// A ping payload longer than 125 bytes; carries its length.
    case pingPayloadTooLong(Int)
    /// An unknown `/command`.
    case unknownCommand(String)
    /// `/mode` with something other than text, hex or base64.
    case invalidMode(String)
    /// `/connect` without a URL.
    case missingURL
    /// `/export` without a file name.
    case missingExportPath
    /// A command that takes no argument was given one.
    case unexpectedArgument(command: String)

    /// The inline message (user text escaped).
    package var description: String {
        switch self {
        case .nothingToSend: return "nothing to send (type a message, or /help)"
        case .invalidHex(let token): return "invalid hex: \"\(SafeText.escape(token))\" (use byte pairs like 01 ff or 01ff)"
        case .invalidBase64: return "invalid base64"
        case .invalidCloseCode(let code):
            return "invalid close code \"\(SafeText.escape(code))\": use 1000 or 3000–4999"
        case .notACloseCode(let word):
            return "/close [code] [reason]: \"\(SafeText.escape(word))\" is not a close code"
        case .closeReasonTooLong(let count): return "close reason is \(count) bytes; at most 123 UTF-8 bytes fit"
        case .pingPayloadTooLong(let count): return "ping payload is \(count) bytes; at most 125 fit"
        case .unknownCommand(let name): return "unknown command /\(SafeText.escape(name)) (try /help)"
        case .invalidMode(let mode): return "unknown mode \"\(SafeText.escape(mode))\": use text, hex or base64"
        case .missingExportPath: return "/export needs a file name, e.g. /export session.har or /export --filtered rows.jsonl"
        case .missingURL: return "/connect needs a URL, e.g. /connect ws://127.0.0.1:8765/echo"
        case .unexpectedArgument(let command): return "/\(command) takes no argument"
        }
    }
}
