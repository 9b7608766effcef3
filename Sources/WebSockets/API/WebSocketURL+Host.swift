extension WebSocketURL {
    /// The host as the WHATWG URL parser leaves it: lower-case; a host that ends in a number is an IPv4 address
    /// and is written as a dotted quad (`10.9.8.7.` and `0x0a.9.8.7` both become `10.9.8.7`), or the URL is
    /// invalid; an IPv6 address in its compressed form. Done once here, so every later check (TLS identity, SNI,
    /// `NO_PROXY`, SOCKS) sees the same host.
    static func normalizedHost(_ raw: String) throws(WebSocketAPIError) -> String {
        let host = raw.lowercased()
        if host.contains(":") {
            guard !host.contains("%"), let bytes = IPAddressBytes.parse(host), bytes.count == 16 else { return host }
            return IPAddressBytes.format(bytes)
        }
        guard endsInNumber(host) else { return host }
        guard let address = ipv4(host) else {
            throw WebSocketAPIError(.syntax, "\"\(raw)\" ends in a number but is not a valid IPv4 address")
        }
        return (0..<4).map { String((address >> (24 - 8 * $0)) & 0xFF) }.joined(separator: ".")
    }

    /// The WHATWG "ends in a number" check: the last label (after one trailing dot) is digits or a hex number.
    private static func endsInNumber(_ host: String) -> Bool {
        var parts = host.split(separator: ".", omittingEmptySubsequences: false)
        if parts.last?.isEmpty == true {
            guard parts.count > 1 else { return false }
            parts.removeLast()
        }
        guard let last = parts.last, !last.isEmpty else { return false }
        if last.allSatisfy({ $0.isASCII && $0.isNumber }) { return true }
        return ipv4Number(last) != nil
    }

    /// The WHATWG IPv4 parser: one to four parts, each decimal, octal (leading 0) or hex (0x); the last part
    /// fills the bytes the others leave.
    private static func ipv4(_ host: String) -> UInt32? {
        var parts = host.split(separator: ".", omittingEmptySubsequences: false)
        if parts.last?.isEmpty == true, parts.count > 1 { parts.removeLast() }
        guard (1...4).contains(parts.count) else { return nil }
        var numbers: [UInt64] = []
        for part in parts {
            guard let number = ipv4Number(part) else { return nil }
            numbers.append(number)
        }
        guard numbers.dropLast().allSatisfy({ $0 <= 255 }) else { return nil }
        let lastLimit = UInt64(1) << (8 * UInt64(5 - numbers.count))
        guard let last = numbers.last, last < lastLimit else { return nil }
        var address = last
        for (index, number) in numbers.dropLast().enumerated() { address += number << (8 * UInt64(3 - index)) }
        return UInt32(truncatingIfNeeded: address)
    }

    private static func ipv4Number(_ part: Substring) -> UInt64? {
        guard !part.isEmpty else { return nil }
        var digits = part
        var radix = 10
        if digits.count >= 2, digits.hasPrefix("0x") {
            digits = digits.dropFirst(2)
            radix = 16
            if digits.isEmpty { return 0 }
        } else if digits.count >= 2, digits.hasPrefix("0") {
            digits = digits.dropFirst()
            radix = 8
        }
        // Bounded so that a long run of digits cannot overflow; anything this long is out of range anyway.
        guard digits.count <= 32, digits.allSatisfy({ $0.isASCII && $0.isHexDigit }),
            let value = UInt64(digits, radix: radix)
        else { return nil }
        return value
    }
}
