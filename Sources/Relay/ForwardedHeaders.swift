import WebSocketCore

/// Which of a client's handshake headers the relay sends on to the upstream.
///
/// Everything goes except what belongs to one hop or one WebSocket handshake: the upstream's handshake has its
/// own key, version, protocol offer (the client's, passed separately) and deflate offer (negotiated per leg), and
/// its own `Host`. Cookies, `Authorization`, `Origin` and `User-Agent` go through, so the server sees the client
/// it expects. docs/INSPECTOR.md#relay-wsinspect-relay lists the same names.
package enum ForwardedHeaders {
    /// Never forwarded (lower case): RFC 9110 §7.6.1's hop-by-hop fields, `Host`, a body's framing, and the
    /// WebSocket handshake's own fields.
    package static let dropped: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer",
        "transfer-encoding", "upgrade", "host", "content-length", "sec-websocket-key", "sec-websocket-version",
        "sec-websocket-accept", "sec-websocket-protocol", "sec-websocket-extensions",
    ]

    /// The headers for the upstream handshake: the client's, minus `dropped` and any the client's `Connection`
    /// header names as hop-by-hop, with `extra` replacing same-named ones and added at the end.
    package static func make(client: HTTPHeaders, extra: [(name: String, value: String)]) -> [(name: String, value: String)] {
        let hopByHop = Set(client.listElements(for: "connection").map { $0.lowercased() })
        let replaced = Set(extra.map { $0.name.lowercased() })
        let kept = client.fields.filter { field in
            let name = field.name.lowercased()
            return !dropped.contains(name) && !hopByHop.contains(name) && !replaced.contains(name)
        }
        return kept.map { (name: $0.name, value: $0.value) } + extra
    }
}
