/// How `wss:` connections (and `https:` proxies) verify and present certificates.
public struct TLSOptions: Sendable, Hashable {
    /// The oldest TLS version accepted.
    public enum Version: String, Sendable, Hashable {
        /// TLS 1.2.
        case tls12 = "1.2"
        /// TLS 1.3.
        case tls13 = "1.3"
    }

    /// A PEM file of CA certificates to trust instead of the system store.
    public var caFile: String?
    /// A PEM certificate chain to present to the server (mutual TLS).
    public var certificateFile: String?
    /// The PEM private key for `certificateFile`.
    public var keyFile: String?
    /// Skip certificate verification entirely. For debugging only.
    public var insecure: Bool
    /// The name sent in SNI and checked against the certificate, instead of the URL's host.
    public var serverName: String?
    /// The oldest TLS version accepted.
    public var minimumVersion: Version

    /// Creates options; the defaults verify against the system trust store with TLS 1.2 or later.
    public init(
        caFile: String? = nil, certificateFile: String? = nil, keyFile: String? = nil, insecure: Bool = false,
        serverName: String? = nil, minimumVersion: Version = .tls12
    ) {
        self.caFile = caFile
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        self.insecure = insecure
        self.serverName = serverName
        self.minimumVersion = minimumVersion
    }
}
