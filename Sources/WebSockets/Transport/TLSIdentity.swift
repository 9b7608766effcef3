import NIOSSL

/// The identity a server's certificate must prove: always the host the user named (or the `serverName`
/// override), never an address taken from the socket, which behind a proxy is the proxy's.
///
/// NIOSSL's own check accepts a certificate whose IP entry matches the channel's remote address, so through a
/// tunnel a proxy holding a certificate for its own address could pass as any server. Every TLS hop therefore
/// runs with NIOSSL's name check off (the chain is still verified) and `TLSIdentityVerifier` checks this.
enum TLSIdentity: Sendable, Hashable, CustomStringConvertible {
    /// A DNS name, lower-case, without a trailing dot; matched against the certificate's DNS entries.
    case dnsName(String)
    /// An IPv4 (4 bytes) or IPv6 (16 bytes) address; matched against the certificate's IP entries only.
    case ipAddress([UInt8])

    /// The identity for a connection to `host`, or to `serverName` when the user overrode it.
    init(host: String, serverName: String?) {
        let name = serverName ?? host
        if let address = IPAddressBytes.parse(name) {
            self = .ipAddress(address)
        } else {
            var lowered = name.lowercased()
            while lowered.hasSuffix(".") { lowered.removeLast() }
            self = .dnsName(lowered)
        }
    }

    /// The name to send in SNI; an IP address is never sent (RFC 6066 §3).
    var serverNameIndication: String? {
        if case .dnsName(let name) = self, !name.isEmpty { return name }
        return nil
    }

    /// The name as a person reads it: `bank.example`, `127.0.0.1`, `::1`.
    var description: String {
        switch self {
        case .dnsName(let name): return name
        case .ipAddress(let bytes): return IPAddressBytes.format(bytes)
        }
    }

    /// Whether `certificate` names this identity in its subject alternative names. The subject's common name is
    /// not consulted (RFC 6125 §6.4.4; browsers stopped doing so too).
    func isNamed(by certificate: NIOSSLCertificate) -> Bool {
        certificate._subjectAlternativeNames().contains { entry in
            switch (self, entry.nameType) {
            case (.dnsName(let name), .dnsName):
                return Self.dnsPattern(String(decoding: entry.contents, as: UTF8.self), matches: name)
            case (.ipAddress(let bytes), .ipAddress):
                return Array(entry.contents) == bytes
            default:
                return false
            }
        }
    }

    /// The names a certificate holds, for an error message: at most `limit`, each shortened and made printable.
    static func names(in certificate: NIOSSLCertificate, limit: Int = 4) -> String {
        var names: [String] = []
        for entry in certificate._subjectAlternativeNames() {
            switch entry.nameType {
            case .dnsName: names.append(printable(String(decoding: entry.contents, as: UTF8.self)))
            case .ipAddress: names.append(IPAddressBytes.format(Array(entry.contents)))
            default: continue
            }
        }
        guard !names.isEmpty else { return "no DNS or IP names" }
        let shown = names.prefix(limit).joined(separator: ", ")
        return names.count > limit ? "\(shown) and \(names.count - limit) more" : shown
    }

    /// RFC 6125 §6.4.3 as browsers apply it: case-insensitive, a trailing dot ignored, and `*` only as the whole
    /// left-most label, standing for exactly one label, under at least two more (`*.example.com`, never `*.com`).
    static func dnsPattern(_ pattern: String, matches name: String) -> Bool {
        var pattern = pattern.lowercased()
        while pattern.hasSuffix(".") { pattern.removeLast() }
        guard !pattern.isEmpty, !name.isEmpty else { return false }
        guard pattern.hasPrefix("*.") else { return !pattern.contains("*") && pattern == name }
        let suffix = pattern.dropFirst(2)
        guard !suffix.contains("*"), suffix.contains("."), let dot = name.firstIndex(of: ".") else { return false }
        return dot != name.startIndex && name[name.index(after: dot)...] == suffix
    }

    /// Peer-controlled text for a message: printable ASCII only, at most 64 characters.
    private static func printable(_ text: String) -> String {
        let cleaned = String(text.unicodeScalars.map { (0x21...0x7E).contains($0.value) ? Character($0) : "?" })
        return cleaned.count > 64 ? String(cleaned.prefix(63)) + "…" : cleaned
    }
}
