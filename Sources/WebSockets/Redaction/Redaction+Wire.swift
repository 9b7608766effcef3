extension Redaction {
    /// The bytes of a handshake or proxy message as they may be shown, or `nil` when they hold no credentials:
    /// an HTTP head (upgrade request or response, `CONNECT` and its answer) with its credential header values
    /// hidden, or a SOCKS5 username/password message rewritten as text without the password.
    package static func wireMessage(_ bytes: [UInt8]) -> [UInt8]? {
        socks5Credentials(bytes) ?? httpHead(bytes)
    }

    /// An RFC 1929 request (VER 1, ULEN, UNAME, PLEN, PASSWD) as the text
    /// `SOCKS5 username/password: user alice, password ***`, or `nil` when `bytes` are not one.
    ///
    /// Recognised by its exact shape: an HTTP head starts with a letter, never with byte 1, and the two lengths
    /// must add up to the whole message.
    package static func socks5Credentials(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= 3, bytes[0] == 0x01 else { return nil }
        let userLength = Int(bytes[1])
        guard bytes.count >= 3 + userLength else { return nil }
        let passwordLength = Int(bytes[2 + userLength])
        guard bytes.count == 3 + userLength + passwordLength else { return nil }
        return Array("SOCKS5 username/password: user ".utf8) + bytes[2..<(2 + userLength)]
            + Array(", password \(placeholder)".utf8)
    }

    /// An HTTP head with the values of ``credentialHeaders`` hidden, or `nil` when it has none. Every other byte,
    /// line endings included, stays as it was.
    package static func httpHead(_ bytes: [UInt8]) -> [UInt8]? {
        var result: [UInt8] = []
        var changed = false
        var lineStart = 0
        var isStartLine = true
        while lineStart < bytes.count {
            let newline = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            var contentEnd = newline
            if contentEnd > lineStart && bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            let line = bytes[lineStart..<contentEnd]
            if !isStartLine, let hidden = hidingValue(inHeaderLine: line) {
                result += hidden
                changed = true
            } else {
                result += line
            }
            result += bytes[contentEnd..<min(newline + 1, bytes.count)]
            isStartLine = false
            lineStart = newline + 1
        }
        return changed ? result : nil
    }

    /// `Name: value` with the value hidden when the header carries credentials; `nil` otherwise.
    private static func hidingValue(inHeaderLine line: ArraySlice<UInt8>) -> [UInt8]? {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let name = String(decoding: line[..<colon], as: UTF8.self).trimmingSpaces()
        guard credentialHeaders.contains(name.lowercased()) else { return nil }
        let valueStart = line[(colon + 1)...].firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) ?? line.endIndex
        let value = String(decoding: line[valueStart...], as: UTF8.self)
        guard let shown = headerValue(name: name, value: value) else { return nil }
        return Array(line[..<valueStart]) + Array(shown.utf8)
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs (what HTTP calls optional white space).
    fileprivate func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
