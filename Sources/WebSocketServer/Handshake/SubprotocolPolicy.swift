import WebSocketCore

/// Which `Sec-WebSocket-Protocol`, if any, the 101 response names.
enum SubprotocolPolicy: Sendable, Hashable {
    /// The client's first offer, or none if it offered none (what a cooperative server does).
    case firstOffered
    /// Exactly this value, offered or not, so clients can be tested against a server that picks badly.
    case exactly(String)
    /// No protocol header at all, even if the client offered some.
    case omitted

    /// Reads the `protocol` query parameter: absent → first offered, empty → omitted, otherwise exactly it.
    init(query value: String?) throws(RouteError) {
        switch value {
        case nil: self = .firstOffered
        case ""?: self = .omitted
        case let name?:
            // A CR or LF here would let the query inject arbitrary response headers.
            guard HTTPToken.isValidFieldValue(name) else {
                throw .badParameter("protocol contains CR, LF or NUL")
            }
            self = .exactly(name)
        }
    }

    /// The protocol to answer for these offers.
    func choose(offered: [String]) -> String? {
        switch self {
        case .firstOffered: return offered.first
        case .exactly(let name): return name
        case .omitted: return nil
        }
    }
}
