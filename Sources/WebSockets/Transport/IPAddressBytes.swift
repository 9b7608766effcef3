import Foundation

/// IP literals as network-order bytes: the one place the library decides whether a host is an IP literal (for
/// TLS identities, SNI, `NO_PROXY` comparisons and SOCKS5 address fields), so no two checks can disagree.
enum IPAddressBytes {
    /// 4 bytes for an IPv4 literal, 16 for IPv6 (brackets allowed), nil for anything else (names included).
    static func parse(_ text: String) -> [UInt8]? {
        var literal = text
        if literal.hasPrefix("[") && literal.hasSuffix("]") { literal = String(literal.dropFirst().dropLast()) }
        if literal.contains(":") {
            // A zone index ("fe80::1%eth0") is not part of the address.
            if let percent = literal.firstIndex(of: "%") { literal = String(literal[..<percent]) }
            var address = in6_addr()
            guard inet_pton(AF_INET6, literal, &address) == 1 else { return nil }
            return withUnsafeBytes(of: &address) { Array($0) }
        }
        // inet_pton, unlike inet_aton, accepts only the dotted-quad form, which is what a URL host holds.
        var address = in_addr()
        guard inet_pton(AF_INET, literal, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { Array($0) }
    }

    /// The usual text form of 4 or 16 address bytes (`127.0.0.1`, `::1`); hex bytes for any other length.
    static func format(_ bytes: [UInt8]) -> String {
        let family: Int32
        switch bytes.count {
        case 4: family = AF_INET
        case 16: family = AF_INET6
        default: return bytes.map { String($0, radix: 16) }.joined(separator: ":")
        }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let ok = bytes.withUnsafeBytes { inet_ntop(family, $0.baseAddress, &text, socklen_t(text.count)) } != nil
        guard ok else { return bytes.map { String($0) }.joined(separator: ".") }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The first `bits` bits of `bytes`, the rest zeroed.
    static func prefix(_ bytes: [UInt8], _ bits: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in
            let remaining = bits - index * 8
            if remaining >= 8 { return byte }
            if remaining <= 0 { return 0 }
            return byte & UInt8(truncatingIfNeeded: 0xFF << (8 - remaining))
        }
    }
}
