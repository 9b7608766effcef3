/// Minimal HTTP/1.1 responses with a short text body, for requests that are not (acceptable) WebSocket upgrades.
enum PlainResponse {
    /// A complete response with `Connection: close`; the body is `text` plus a newline.
    static func make(status: String, text: String) -> [UInt8] {
        let body = Array((text + "\n").utf8)
        let head =
            [
                "HTTP/1.1 \(status)", "Content-Type: text/plain; charset=utf-8", "Content-Length: \(body.count)",
                "Connection: close",
            ].joined(separator: "\r\n") + "\r\n\r\n"
        return Array(head.utf8) + body
    }

    /// The answer to a request that is not a WebSocket upgrade, or whose head could not be parsed.
    static func badRequest(_ why: String) -> [UInt8] {
        make(status: "400 Bad Request", text: "Bad Request: \(why)")
    }

    /// The answer to an upgrade whose target the router refused.
    static func refusal(_ error: RouteError) -> [UInt8] {
        switch error {
        case .notFound: return make(status: "404 Not Found", text: "Not Found: \(error)")
        case .badParameter: return badRequest(error.description)
        }
    }
}
