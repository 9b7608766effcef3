/// The upstream URL for one client: the configured upstream with the client's path and query appended.
package enum UpstreamURL {
    /// `upstream` plus `target` (the client's request target): paths are joined with one `/`, and the queries with
    /// `&`, the upstream's first. With `exact`, `upstream` unchanged.
    ///
    /// `ws://api.example/socket` and `/chat?room=1` give `ws://api.example/socket/chat?room=1`; a client asking
    /// for `/` adds nothing to the path.
    package static func make(upstream: String, target: String, exact: Bool) -> String {
        guard !exact else { return upstream }
        let (base, baseQuery) = split(upstream, at: "?")
        let (clientPath, clientQuery) = split(target, at: "?")
        var joined = base
        if clientPath != "/" && !clientPath.isEmpty {
            if joined.hasSuffix("/") { joined.removeLast() }
            // `ws://host` has no path yet: the authority ends where the client's path begins.
            joined += clientPath.hasPrefix("/") ? clientPath : "/" + clientPath
        }
        let queries = [baseQuery, clientQuery].compactMap { $0 }.filter { !$0.isEmpty }
        return queries.isEmpty ? joined : joined + "?" + queries.joined(separator: "&")
    }

    private static func split(_ text: String, at separator: Character) -> (String, String?) {
        guard let index = text.firstIndex(of: separator) else { return (text, nil) }
        return (String(text[..<index]), String(text[text.index(after: index)...]))
    }
}
