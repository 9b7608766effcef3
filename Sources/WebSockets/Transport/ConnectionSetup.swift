import WebSocketCore

/// What both client APIs check and build before connecting: the parsed URL, the subprotocol list and the
/// handshake request, so `WebSocket` and `WebSocketStream` reject exactly the same arguments the same way.
struct ConnectionSetup: Sendable {
    let url: WebSocketURL
    let request: HandshakeRequest
    let dispatcher: any Dispatcher
    let deflateOffer: PerMessageDeflateOffer?
    /// How the connection reaches the server, for status lines.
    let route: String

    /// Validates the arguments; throws `.syntax` for a bad URL, protocol list or header.
    init(
        url: String, protocols: [String], headers: [(name: String, value: String)], dispatcher: (any Dispatcher)?,
        deflateOffer: PerMessageDeflateOffer?
    ) throws(WebSocketAPIError) {
        let parsed = try WebSocketURL(url)
        var seen = Set<String>()
        for name in protocols {
            guard HTTPToken.isValid(name) else {
                throw WebSocketAPIError(.syntax, "subprotocol \"\(name)\" is not a valid HTTP token")
            }
            guard seen.insert(name.lowercased()).inserted else {
                throw WebSocketAPIError(.syntax, "subprotocol \"\(name)\" is listed twice")
            }
        }
        var headers = headers
        // `ws://user:password@host/` sends its userinfo as Basic credentials, as Node's `ws` and Python's
        // `websockets` do, unless the caller set `Authorization` itself.
        if let credentials = parsed.credentials,
            !headers.contains(where: { $0.name.lowercased() == "authorization" })
        {
            headers.append((name: "Authorization", value: "Basic " + Base64.encode(Array(credentials.utf8))))
        }
        do {
            request = try HandshakeRequest(
                host: parsed.host, port: parsed.port, secure: parsed.secure, target: parsed.target,
                protocols: protocols, extensionOffers: deflateOffer.map { [$0.headerValue] } ?? [],
                customHeaders: HTTPHeaders(headers.map { ($0.name, $0.value) }))
        } catch {
            throw WebSocketAPIError(.syntax, error.message)
        }
        let dispatcher = dispatcher ?? Agent()
        self.url = parsed
        self.dispatcher = dispatcher
        self.deflateOffer = deflateOffer
        self.route = ConnectionPlan.routeDescription(for: parsed, dispatcher: dispatcher)
    }
}
