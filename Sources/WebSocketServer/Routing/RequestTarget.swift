/// A request target (`/path?query`) split into its path and its decoded query parameters.
struct RequestTarget: Sendable, Hashable {
    /// The path, exactly as sent (not percent-decoded: routes are plain ASCII).
    var path: String
    /// Query parameters, percent-decoded. When a name repeats, the first value wins.
    var query: [String: String]

    /// Splits `target`. Query pairs are decoded as `URLSearchParams` does (`+` is a space, `%XX` a byte, an
    /// invalid escape stays literal), because that is how browser-side and Node test clients build them.
    init(_ target: String) {
        let pieces = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        path = String(pieces[0])
        query = [:]
        guard pieces.count == 2 else { return }
        for pair in pieces[1].split(separator: "&") where !pair.isEmpty {
            let nameAndValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(nameAndValue[0])
            // A name without "=" counts as an empty value, so `?protocol` means the same as `?protocol=`.
            let value = nameAndValue.count == 2 ? Self.decode(nameAndValue[1]) : ""
            if query[name] == nil { query[name] = value }
        }
    }

    /// Percent-decodes one query component; bytes that do not form UTF-8 become U+FFFD.
    static func decode(_ component: Substring) -> String {
        let source = Array(component.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(source.count)
        var index = 0
        while index < source.count {
            let byte = source[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
                index += 1
            } else if byte == UInt8(ascii: "%"), index + 2 < source.count,
                let high = Hex.value(of: source[index + 1]), let low = Hex.value(of: source[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(byte)
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
