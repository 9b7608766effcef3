import WebSocketCore

/// Turns what was typed into a ``ComposeAction``, or says why not.
///
/// Input starting with `/` is a command; `//` sends a literal leading slash. Everything else is a message read
/// according to the mode.
package enum ComposeParser {
    /// The commands, for `/help` and completion.
    package static let commands: [(usage: String, summary: String)] = [
        ("/ping [text]", "send a ping (payload ≤ 125 bytes)"),
        ("/close [code] [reason]", "close (code 1000 or 3000–4999, reason ≤ 123 bytes)"),
        ("/reconnect", "connect again, keeping the log"),
        ("/reconnect auto|off", "reconnect by itself after a close you did not ask for, or stop"),
        ("/connect <url>", "connect to another URL with the same flags, keeping the log"),
        ("/clear", "empty the log"),
        ("/export <file>", "write the log now: HAR, or JSON Lines for a .jsonl name"),
        ("/export --filtered <f>", "the same, with only the rows the filter shows"),
        ("/mode text|hex|base64", "set how messages are read"),
        ("/help", "show key bindings and commands"),
        ("//text", "send text that starts with a slash"),
    ]

    /// Parses `input` in `mode`.
    package static func parse(_ input: String, mode: ComposeMode) -> Result<ComposeAction, ComposeError> {
        if input.hasPrefix("/") && !input.hasPrefix("//") { return command(String(input.dropFirst())) }
        let message = input.hasPrefix("//") ? String(input.dropFirst()) : input
        if message.isEmpty { return .failure(.nothingToSend) }
        switch mode {
        case .text:
            return .success(.sendText(message))
        case .hex:
            return decodeHex(message).map(ComposeAction.sendBinary)
        case .base64:
            if message.allSatisfy(\.isWhitespace) { return .failure(.nothingToSend) }
            guard let bytes = Base64.decode(message) else { return .failure(.invalidBase64) }
            return .success(.sendBinary(bytes))
        }
    }

    /// Hex byte pairs, contiguous or separated by white space; each token may carry a `0x` prefix.
    package static func decodeHex(_ text: String) -> Result<[UInt8], ComposeError> {
        var bytes: [UInt8] = []
        let tokens = text.split(whereSeparator: \.isWhitespace)
        if tokens.isEmpty { return .failure(.nothingToSend) }
        for token in tokens {
            var digits = Substring(token)
            if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
            guard !digits.isEmpty, digits.count % 2 == 0 else { return .failure(.invalidHex(String(token))) }
            var index = digits.startIndex
            while index < digits.endIndex {
                let next = digits.index(index, offsetBy: 2)
                guard let byte = UInt8(digits[index..<next], radix: 16) else {
                    return .failure(.invalidHex(String(token)))
                }
                bytes.append(byte)
                index = next
            }
        }
        return .success(bytes)
    }

    private static func command(_ text: String) -> Result<ComposeAction, ComposeError> {
        let name = String(text.prefix(while: { !$0.isWhitespace }))
        let argument = String(text.dropFirst(name.count).drop(while: \.isWhitespace))
        switch name {
        case "ping":
            let payload = Array(argument.utf8)
            guard payload.count <= 125 else { return .failure(.pingPayloadTooLong(payload.count)) }
            return .success(.ping(payload))
        case "close":
            return close(argument)
        case "reconnect" where argument == "auto" || argument == "off":
            return .success(.setAutoReconnect(argument == "auto"))
        case "reconnect", "clear", "help":
            guard argument.isEmpty else { return .failure(.unexpectedArgument(command: name)) }
            return .success(name == "reconnect" ? .reconnect : name == "clear" ? .clear : .help)
        case "connect":
            guard !argument.isEmpty else { return .failure(.missingURL) }
            return .success(.connect(argument))
        case "export":
            // `--filtered` first, then the file name (which may hold spaces, as any argument here may).
            var path = argument
            let filtered = path == "--filtered" || path.hasPrefix("--filtered ")
            if filtered { path = String(path.dropFirst("--filtered".count).drop(while: \.isWhitespace)) }
            guard !path.isEmpty else { return .failure(.missingExportPath) }
            return .success(.export(path: path, filtered: filtered))
        case "mode":
            guard let mode = ComposeMode(rawValue: argument.lowercased()) else { return .failure(.invalidMode(argument)) }
            return .success(.setMode(mode))
        default:
            return .failure(.unknownCommand(name))
        }
    }

    /// `/close`, `/close 4000` or `/close 4000 bye`. A reason needs a code before it: `/close abc` is a mistake,
    /// not a close 1000 with reason "abc".
    private static func close(_ argument: String) -> Result<ComposeAction, ComposeError> {
        let first = String(argument.prefix(while: { !$0.isWhitespace }))
        var code: UInt16?
        var reason = ""
        if let firstCharacter = first.first {
            guard firstCharacter.isNumber || firstCharacter == "-" || firstCharacter == "+" else {
                return .failure(.notACloseCode(first))
            }
            guard let value = UInt16(first), CloseCode.isValidForApplication(value) else {
                return .failure(.invalidCloseCode(first))
            }
            code = value
            reason = String(argument.dropFirst(first.count).drop(while: \.isWhitespace))
        }
        let length = reason.utf8.count
        guard length <= 123 else { return .failure(.closeReasonTooLong(length)) }
        return .success(.close(code: code, reason: reason))
    }
}
