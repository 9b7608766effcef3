/// SOCKS5 (RFC 1928) and its username/password sub-negotiation (RFC 1929) as bytes, without I/O.
enum Socks5Messages {
    /// The address a `CONNECT` request names.
    enum Address: Sendable, Hashable {
        /// Four bytes, network order.
        case ipv4([UInt8])
        /// Sixteen bytes, network order.
        case ipv6([UInt8])
        /// A name the proxy resolves (`socks5h://`); at most 255 bytes.
        case domain(String)
    }

    /// Authentication methods (RFC 1928 §3).
    static let noAuthentication: UInt8 = 0x00
    static let usernamePassword: UInt8 = 0x02
    static let noAcceptableMethods: UInt8 = 0xFF

    /// The greeting: version 5 and the methods offered (no authentication, and username/password when there
    /// are credentials, as curl offers them).
    static func greeting(offeringPassword: Bool) -> [UInt8] {
        offeringPassword ? [0x05, 0x02, noAuthentication, usernamePassword] : [0x05, 0x01, noAuthentication]
    }

    /// The RFC 1929 request: version 1, then the length-prefixed user name and password.
    static func credentials(username: String, password: String) -> [UInt8] {
        let user = Array(username.utf8.prefix(255))
        let pass = Array(password.utf8.prefix(255))
        return [0x01, UInt8(user.count)] + user + [UInt8(pass.count)] + pass
    }

    /// The `CONNECT` request for `address:port`.
    static func connect(_ address: Address, port: Int) -> [UInt8] {
        var bytes: [UInt8] = [0x05, 0x01, 0x00]
        switch address {
        case .ipv4(let octets): bytes += [0x01] + octets
        case .ipv6(let octets): bytes += [0x04] + octets
        case .domain(let name):
            let octets = Array(name.utf8.prefix(255))
            bytes += [0x03, UInt8(octets.count)] + octets
        }
        bytes += [UInt8(truncatingIfNeeded: port >> 8), UInt8(truncatingIfNeeded: port)]
        return bytes
    }

    /// What the start of a `CONNECT` reply says about its length (RFC 1928 §6: version, reply, reserved, address
    /// type, address, port).
    enum ReplyLength: Equatable {
        /// Not enough bytes yet to tell.
        case incomplete
        /// The whole reply is this many bytes.
        case complete(Int)
        /// The address type is none of the three RFC 1928 defines, so the reply cannot be delimited.
        case unknownAddressType(UInt8)
    }

    /// The length of the `CONNECT` reply at the start of `bytes`.
    static func replyLength(_ bytes: [UInt8]) -> ReplyLength {
        guard bytes.count >= 5 else { return .incomplete }
        switch bytes[3] {
        case 0x01: return .complete(4 + 4 + 2)
        case 0x04: return .complete(4 + 16 + 2)
        case 0x03: return .complete(4 + 1 + Int(bytes[4]) + 2)
        default: return .unknownAddressType(bytes[3])
        }
    }

    /// The RFC 1928 §6 name of a reply code.
    static func replyName(_ code: UInt8) -> String {
        switch code {
        case 0x00: return "succeeded"
        case 0x01: return "general SOCKS server failure"
        case 0x02: return "connection not allowed by ruleset"
        case 0x03: return "network unreachable"
        case 0x04: return "host unreachable"
        case 0x05: return "connection refused by destination host"
        case 0x06: return "TTL expired"
        case 0x07: return "command not supported"
        case 0x08: return "address type not supported"
        default: return "unassigned reply code"
        }
    }

    /// "0x05".
    static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: false)
        return "0x" + (digits.count == 1 ? "0" + digits : digits)
    }
}
