import WebSocketCore

/// The compose box's parser: messages in text, hex and base64 mode, and the `/` commands.
///
/// Properties: hex that parses reads back the same from its canonical spelling, and has one byte per two digits;
/// base64 that parses reads back the same from our own encoding; text is sent as typed (less the escaping slash);
/// a ping fits 125 bytes, a close code is one an application may send and its reason fits 123 bytes; an error
/// shows no raw control character of what was typed.
@_cdecl("LLVMFuzzerTestOneInput")
public func composeParserFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let mode = ComposeMode.allCases[Int(input.byte()) % ComposeMode.allCases.count]
    let line = String(decoding: input.rest(), as: UTF8.self)
    switch ComposeParser.parse(line, mode: mode) {
    case .failure(let error):
        require(
            !error.description.unicodeScalars.contains(where: isControl), "raw control character in \(error.description.debugDescription)")
    case .success(let action):
        let isCommand = line.hasPrefix("/") && !line.hasPrefix("//")
        let message = line.hasPrefix("//") ? String(line.dropFirst()) : line
        switch action {
        case .sendText(let text):
            require(!isCommand && mode == .text && text == message, "text not sent as typed")
        case .sendBinary(let bytes):
            require(!isCommand && mode != .text, "binary from text mode or a command")
            if mode == .hex {
                let canonical = bytes.map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined(separator: " ")
                require((try? ComposeParser.decodeHex(canonical).get()) == bytes, "hex does not read back from \(canonical)")
                let digits = message.split(whereSeparator: \.isWhitespace)
                    .map { $0.hasPrefix("0x") || $0.hasPrefix("0X") ? $0.dropFirst(2) : Substring($0) }.map(\.count).reduce(0, +)
                require(digits == 2 * bytes.count, "\(digits) hex digits made \(bytes.count) bytes")
            } else {
                require(Base64.decode(Base64.encode(bytes)) == bytes, "base64 does not read back from our own encoding")
            }
        case .ping(let payload):
            require(isCommand && payload.count <= 125, "ping payload of \(payload.count) bytes")
        case .close(let code, let reason):
            require(isCommand && reason.utf8.count <= 123, "close reason of \(reason.utf8.count) bytes")
            if let code { require(CloseCode.isValidForApplication(code), "close code \(code) accepted") }
        case .connect(let url):
            require(isCommand && !url.isEmpty, "/connect without a URL")
        case .export(let path, _):
            require(isCommand && !path.isEmpty, "/export without a path")
        case .reconnect, .setAutoReconnect, .clear, .help, .setMode:
            require(isCommand, "a command from a message")
        }
    }
    return 0
}

/// C0, DEL and C1: what must never reach a terminal from what was typed.
func isControl(_ scalar: Unicode.Scalar) -> Bool { scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) }
