/// An HTTP/1.1 message head (the WebSocket upgrade request or its response) split into the fields a HAR entry
/// holds: the start line's parts and the header fields in order.
package struct HTTPHead: Sendable, Hashable {
    /// The start line's three parts: `GET`, `/chat`, `HTTP/1.1` for a request; `HTTP/1.1`, `101`,
    /// `Switching Protocols` for a response (the reason may be empty).
    /// Always three elements.
    package var startLine: [String]
    /// The header fields, in order, with the whitespace around values removed.
    package var headers: [CapturedHeader]

    /// Parses `bytes` (up to the blank line; anything after it is ignored). Returns `nil` when there is no start
    /// line with at least two parts. Header lines without a colon are skipped: a capture keeps what it can.
    package init?(_ bytes: [UInt8]) {
        // Split on bytes: as Characters, "\r\n" is one grapheme and never equals "\n".
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            Substring(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
        }
        if let blank = lines.firstIndex(where: \.isEmpty) { lines = Array(lines[..<blank]) }
        guard let start = lines.first else { return nil }
        let parts = start.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count >= 2 else { return nil }
        startLine = [String(parts[0]), String(parts[1]), parts.count > 2 ? String(parts[2]) : ""]
        headers = lines.dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let value = line[line.index(after: colon)...].trimmingWhitespace()
            return CapturedHeader(name: String(line[..<colon]), value: value)
        }
    }

    /// The value of the first header named `name` (case-insensitive).
    package func value(of name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
