/// One entry of a `NO_PROXY` list, with curl's meaning.
///
/// - `*` as the whole list matches every host; a `*` entry inside a longer list matches nothing (curl's rule).
/// - A name matches itself and every subdomain; a leading `.` or `*.` is ignored, so `.example.com`,
///   `*.example.com` and `example.com` all match `example.com` and `ws.example.com` (not `badexample.com`).
/// - An IP literal (`127.0.0.1`, `::1`, `[::1]`) matches that address when the URL's host is that literal; names
///   are never resolved to compare.
/// - A CIDR block (`10.0.0.0/8`, `::1/128`) matches IP-literal hosts inside it.
/// - `host:port` (or `[v6]:port`) matches only that port.
public struct NoProxyRule: Sendable, Hashable, CustomStringConvertible {
    enum Pattern: Sendable, Hashable {
        case all
        case domain(String)
        case address([UInt8])
        case network([UInt8], prefixLength: Int)
    }

    let pattern: Pattern
    let port: Int?
    /// The entry as written.
    public let description: String

    /// The rule a `NO_PROXY` of just `*` stands for.
    static let everyHost = NoProxyRule(pattern: .all, port: nil, description: "*")

    private init(pattern: Pattern, port: Int?, description: String) {
        self.pattern = pattern
        self.port = port
        self.description = description
    }

    /// Parses one entry; nil for an empty or malformed one (curl skips those too), and for `*`, which means
    /// every host only as the whole list (see `NoProxyList`).
    public init?(_ entry: String) {
        let text = entry.trimmingCharacters(in: .whitespaces).lowercased()
        guard !text.isEmpty else { return nil }
        description = text
        guard text != "*" else { return nil }
        var hostPart = Substring(text)
        var port: Int?
        if hostPart.hasPrefix("[") {
            // [v6] or [v6]:port
            guard let close = hostPart.firstIndex(of: "]") else { return nil }
            let rest = hostPart[hostPart.index(after: close)...]
            hostPart = hostPart[hostPart.index(after: hostPart.startIndex)..<close]
            if !rest.isEmpty {
                guard rest.hasPrefix(":"), let value = Int(rest.dropFirst()), (1...65535).contains(value) else { return nil }
                port = value
            }
        } else if hostPart.filter({ $0 == ":" }).count == 1, let colon = hostPart.firstIndex(of: ":") {
            // name:port or v4:port (a single colon cannot be IPv6)
            guard let value = Int(hostPart[hostPart.index(after: colon)...]), (1...65535).contains(value) else { return nil }
            port = value
            hostPart = hostPart[..<colon]
        }
        self.port = port
        if let slash = hostPart.firstIndex(of: "/") {
            guard let bytes = IPAddressBytes.parse(String(hostPart[..<slash])),
                let bits = Int(hostPart[hostPart.index(after: slash)...]), (0...bytes.count * 8).contains(bits)
            else { return nil }
            pattern = .network(bytes, prefixLength: bits)
        } else if let bytes = IPAddressBytes.parse(String(hostPart)) {
            pattern = .address(bytes)
        } else {
            var name = hostPart
            if name.hasPrefix("*.") { name = name.dropFirst(2) } else if name.hasPrefix(".") { name = name.dropFirst() }
            while name.hasSuffix(".") { name = name.dropLast() }
            guard !name.isEmpty, !name.contains("*") else { return nil }
            pattern = .domain(String(name))
        }
    }

    /// Whether a connection to `host:port` bypasses the proxy by this entry. `host` is the URL's host (IPv6 with
    /// or without brackets).
    public func matches(host: String, port: Int) -> Bool {
        if let own = self.port, own != port { return false }
        var name = host.lowercased()
        if name.hasPrefix("[") && name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        while name.hasSuffix(".") { name.removeLast() }
        switch pattern {
        case .all:
            return true
        case .domain(let domain):
            return name == domain || name.hasSuffix("." + domain)
        case .address(let bytes):
            return IPAddressBytes.parse(name) == bytes
        case .network(let network, let prefixLength):
            guard let address = IPAddressBytes.parse(name), address.count == network.count else { return false }
            return IPAddressBytes.prefix(address, prefixLength) == IPAddressBytes.prefix(network, prefixLength)
        }
    }
}

/// A `NO_PROXY` list: entries separated by commas or white space, with curl's matching (see `NoProxyRule`).
public struct NoProxyList: Sendable, Hashable, CustomStringConvertible {
    /// The entries, in order; malformed ones are dropped.
    public let rules: [NoProxyRule]

    /// Parses a list such as `"localhost, .internal.example, 10.0.0.0/8, [::1]:8080"`; `""` matches nothing.
    public init(_ value: String = "") {
        if value.trimmingCharacters(in: .whitespaces) == "*" {
            rules = [NoProxyRule.everyHost]
            return
        }
        rules = value.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).compactMap { NoProxyRule(String($0)) }
    }

    /// Whether a connection to `host:port` bypasses the proxy.
    public func matches(host: String, port: Int) -> Bool {
        rules.contains { $0.matches(host: host, port: port) }
    }

    /// The entries joined by commas.
    public var description: String { rules.map(\.description).joined(separator: ",") }
}
