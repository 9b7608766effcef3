import NIOSSL
import WebSocketCore

/// The server at the far end of a proxy tunnel, and the TLS to start with it once the tunnel is up.
struct TunnelTarget: Sendable {
    /// The URL's host, IPv6 without brackets.
    let host: String
    /// The URL's port.
    let port: Int
    /// The TLS context for `wss:`, nil for `ws:`.
    let tls: NIOSSLContext?
    /// What the target's certificate must name: the URL's host or the server-name override, never the proxy.
    let identity: TLSIdentity
    /// Whether the identity is checked (false only with `TLSOptions.insecure`).
    let verifiesIdentity: Bool
    /// How the proxy is named in messages, e.g. "proxy 127.0.0.1:3128".
    let proxyDescription: String
    /// Whether a client certificate is configured, to explain a server that hangs up after the handshake.
    let hasClientCertificate: Bool

    /// `host:port`, with an IPv6 host in brackets.
    var address: String { HostPort.address(host: host, port: port) }

    /// How the target hop is named in messages: "target localhost:8443 (through proxy 127.0.0.1:3128)".
    var hopDescription: String { "target \(address) (through \(proxyDescription))" }
}
