import WebSocketCore

/// What an HTTP proxy's answer to `CONNECT` means, without I/O and without the proxy's configuration: only its name
/// and whether credentials were sent, so the reading of a proxy's bytes can be fuzzed without NIO.
enum HTTPConnectReply {
    /// Success for a 2xx answer; otherwise a `.proxy` error naming `proxy` and quoting the status line, with the
    /// `Proxy-Authenticate` challenge for a 407.
    static func interpret(_ head: HTTPHead, proxy: String, sendsCredentials: Bool) -> Result<Void, WebSocketError> {
        let parts = head.startLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let status = Int(parts[1]), (100...999).contains(status) else {
            return .failure(WebSocketError(.proxy, "\(proxy) answered CONNECT with a malformed status line: \(head.startLine)"))
        }
        if (200...299).contains(status) { return .success(()) }
        let statusText = parts.count == 3 ? "\(status) \(parts[2])" : "\(status)"
        var message = "\(proxy) answered \(statusText)"
        if status == 407 || status == 401 {
            // 407 is the proxy's own challenge; some proxies (tinyproxy 1.11) answer rejected credentials with 401
            // and WWW-Authenticate instead.
            let challenges =
                head.headers.values(for: "Proxy-Authenticate").map { "Proxy-Authenticate: \($0)" }
                + head.headers.values(for: "WWW-Authenticate").map { "WWW-Authenticate: \($0)" }
            if !challenges.isEmpty { message += " (" + challenges.joined(separator: ", ") + ")" }
            message +=
                sendsCredentials
                ? ": the proxy rejected the credentials" : ": the proxy wants credentials (user:password@ in the proxy URL, or a token)"
        } else if let squidError = head.headers["X-Squid-Error"] {
            message += " (X-Squid-Error: \(squidError))"
        }
        return .failure(WebSocketError(.proxy, message))
    }
}
