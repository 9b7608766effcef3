import WebSocketCore

/// What one request target asks the server to do: how to answer the handshake, which subprotocol to name, and
/// how to behave once upgraded.
struct Route: Sendable, Hashable {
    /// How the opening handshake is answered.
    enum Handshake: Sendable, Hashable {
        /// A correct 101.
        case accept
        /// A response broken in one way.
        case flawed(HandshakeFlaw)
        /// No answer at all (`/bad/silent`): the request is read and the connection left hanging.
        case silent
        /// The behaviour writes the response itself (`/abuse/trickle`, `/abuse/endless-head`, `/abuse/reset`):
        /// the server writes nothing, then hands the connection over as if upgraded.
        case byBehaviour
    }

    /// The largest message the server accepts from a client.
    static let maxMessageSize = 64 << 20
    /// The largest message `/flood` will build: the client's default limit, so clients can be tested up to it.
    static let maxFloodMessageSize = 128 << 20

    /// How the handshake is answered.
    var handshake = Handshake.accept
    /// Which subprotocol the 101 names.
    var subprotocol = SubprotocolPolicy.firstOffered
    /// What happens after the handshake.
    var behaviour = BehaviourKind.echo
    /// Whether a permessage-deflate offer is accepted (when the server has a deflate policy): on by default for
    /// `/`, `/echo`, `/flood` and `/bomb`, off elsewhere so scripted and raw frames reach the client as written;
    /// `deflate=0` or `deflate=1` overrides it.
    var acceptsDeflate = false

    /// The largest message `/bomb` inflates to: 16 GiB, far past any client limit worth testing.
    static let maxBombSize: UInt64 = 16 << 30

    /// Parses a request target such as `/flood?count=10&size=3&close=1`.
    static func parse(_ target: String) -> Result<Route, RouteError> {
        do {
            return .success(try parse(RequestTarget(target)))
        } catch {
            return .failure(error)
        }
    }

    private static func parse(_ target: RequestTarget) throws(RouteError) -> Route {
        var route = Route()
        let query = QueryReader(query: target.query)
        route.subprotocol = try SubprotocolPolicy(query: query.string("protocol"))
        switch target.path {
        case "/", "/echo":
            route.acceptsDeflate = true
        case "/headers":
            route.behaviour = .headers
        case "/flood":
            let type = query.string("type") ?? "text"
            guard type == "text" || type == "binary" else {
                throw .badParameter("type=\(type) is neither text nor binary")
            }
            route.behaviour = .flood(
                FloodPlan(
                    count: try query.integer("count", default: 1, in: 0...UInt64.max),
                    size: try query.integer("size", default: 16, in: 0...maxFloodMessageSize),
                    binary: type == "binary",
                    closeWhenDone: try query.flag("close")))
            route.acceptsDeflate = true
        case "/bomb":
            route.behaviour = .bomb(size: try query.integer("size", default: 1 << 30, in: 0...maxBombSize))
            route.acceptsDeflate = true
        case "/sink":
            route.behaviour = .sink(count: try query.integer("count", default: 1, in: 1...UInt64.max))
        case "/tick":
            route.behaviour = .tick(
                TickPlan(
                    count: try query.integer("count", default: 100, in: 0...UInt64.max),
                    intervalMilliseconds: try query.integer("interval", default: 100, in: 1...3_600_000),
                    size: try query.integer("size", default: 64, in: TickPlan.minimumSize...(1 << 16))))
        case "/close":
            // The code is not checked against RFC 6455's list, so clients can be tested on invalid ones.
            let code: UInt16? =
                query.string("code") == nil ? nil : try query.integer("code", default: 0, in: 0...UInt16.max)
            let reason = try query.text("reason", default: "", maxBytes: 123)
            route.behaviour = .script([.close(code: code, reason: reason)])
        case "/drop":
            route.behaviour = .drop(after: try query.integer("after", default: 0, in: 0...UInt64.max))
        case "/stall":
            route.behaviour = .stall
        case "/ping":
            let payload = try query.text("payload", default: "", maxBytes: 125)
            route.behaviour = .script([.ping(Array(payload.utf8))])
        case "/hostile":
            route.behaviour = .script(HostileMessages.script)
        case "/raw":
            let hex = query.string("hex") ?? ""
            guard let bytes = Hex.decode(hex) else { throw .badParameter("hex=\(hex) is not an even run of hex digits") }
            route.behaviour = .script([.raw(bytes)])
        default:
            if target.path.hasPrefix("/abuse/") {
                try AbuseRoute.parse(String(target.path.dropFirst("/abuse/".count)), query: query, into: &route)
                break
            }
            guard target.path.hasPrefix("/bad/") else { throw .notFound(path: target.path) }
            try parseMisbehaviour(String(target.path.dropFirst("/bad/".count)), into: &route)
        }
        if query.string("deflate") != nil {
            route.acceptsDeflate = try query.flag("deflate")
            if route.behaviour.isBomb, !route.acceptsDeflate {
                throw .badParameter("deflate=0 makes no sense for /bomb: the bomb is a compressed message")
            }
        }
        return route
    }

    private static func parseMisbehaviour(_ kind: String, into route: inout Route) throws(RouteError) {
        if let flaw = HandshakeFlaw(rawValue: kind) {
            route.handshake = .flawed(flaw)
        } else if let flaw = FrameFlaw(rawValue: kind) {
            route.behaviour = .script([.raw(flaw.bytes)])
        } else if kind == "silent" {
            route.handshake = .silent
        } else if kind == "no-close-reply" {
            route.behaviour = .ignoreClose
        } else {
            throw .notFound(path: "/bad/\(kind)")
        }
    }
}
