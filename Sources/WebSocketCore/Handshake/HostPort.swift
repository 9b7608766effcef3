/// How a host and port are written in URLs, `Host` headers and messages: an IPv6 literal in brackets
/// (RFC 3986 §3.2.2), so that its colons are not read as the port's.
package enum HostPort {
    /// `host`, in brackets when it is an IPv6 literal.
    package static func bracketed(_ host: String) -> String {
        host.contains(":") ? "[\(host)]" : host
    }

    /// `host:port`, with an IPv6 host in brackets.
    package static func address(host: String, port: Int) -> String {
        "\(bracketed(host)):\(port)"
    }
}
