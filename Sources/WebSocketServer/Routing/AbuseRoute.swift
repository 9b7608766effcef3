import WebSocketCore

/// `/abuse/<kind>`: the hostile-peer catalogue (issue 24), one route per abuse, so a user can point a client at
/// each one and the tests can play them. Abuses that already had a route elsewhere are reachable here too, under
/// the catalogue's name.
enum AbuseRoute {
    /// Every kind, in the order `wsinspect serve --help` lists them.
    static let kinds = [
        "endless-head", "duplicate-accept", "status-401", "redirect", "no-upgrade", "unoffered-extension",
        "unoffered-protocol", "silent", "reset", "max-length", "big-message", "endless-continuations",
        "interleaved-control", "ping-flood", "close-never-answered", "close-invalid-code", "close-one-byte",
        "close-bad-utf8-reason", "utf8-last-byte", "reserved-opcode", "rsv", "bomb", "bomb-spread",
        "data-after-close", "reset-after-open", "trickle", "half-close", "close-then-reset",
    ]

    /// Sets `route` up for the abuse `kind`, reading its parameters from `query`.
    static func parse(_ kind: String, query: QueryReader, into route: inout Route) throws(RouteError) {
        switch kind {
        case "endless-head":
            route.handshake = .byBehaviour
            let bytes = try query.integer("bytes", default: UInt64(64 << 20), in: 1...(1 << 34))
            route.behaviour = .abuse(.endlessHead(bytes: bytes))
        case "duplicate-accept": route.handshake = .flawed(.duplicateAccept)
        case "status-401": route.handshake = .flawed(.status401)
        case "redirect": route.handshake = .flawed(.redirect)
        case "no-upgrade": route.handshake = .flawed(.noUpgrade)
        case "unoffered-extension": route.handshake = .flawed(.unknownExtension)
        case "unoffered-protocol": route.subprotocol = .exactly("unoffered")
        case "silent": route.handshake = .silent
        case "reset":
            route.handshake = .byBehaviour
            route.behaviour = .abuse(.reset(afterOpen: false))
        case "max-length":
            // 2^63-1, the largest length the 64-bit form may carry (RFC 6455 §5.2: the top bit must be 0).
            route.behaviour = .script([.raw(FrameHeader(opcode: .binary, payloadLength: UInt64(Int64.max)).encoded)])
        case "big-message":
            let size = try query.integer("size", default: UInt64(300 << 20), in: 1...(1 << 40))
            let fragment = try query.integer("fragment", default: size, in: 1...size)
            route.behaviour = .abuse(.stream(.message(size: size, fragment: fragment, opcode: .binary)))
        case "endless-continuations":
            let count = try query.integer("count", default: UInt64(1_000_000), in: 1...(1 << 32))
            route.behaviour = .abuse(.stream(.message(size: count, fragment: 1, opcode: .text)))
        case "interleaved-control":
            let count = try query.integer("fragments", default: 4, in: 1...64)
            route.behaviour = .script([.raw(AbuseFrames.interleaved(fragments: count))])
        case "ping-flood":
            let count = try query.integer("count", default: UInt64(1_000_000), in: 1...(1 << 32))
            route.behaviour = .abuse(.pingFlood(count: count))
        case "close-never-answered": route.behaviour = .ignoreClose
        case "close-invalid-code":
            let code = try query.integer("code", default: UInt16(1005), in: 0...UInt16.max)
            route.behaviour = .script([.raw(AbuseFrames.close([UInt8(code >> 8), UInt8(code & 0xFF)]))])
        case "close-one-byte": route.behaviour = .script([.raw(AbuseFrames.close([0x03]))])
        case "close-bad-utf8-reason":
            // Code 1000, then the reason "by\xFFe": 0xFF is never UTF-8.
            route.behaviour = .script([.raw(AbuseFrames.close([0x03, 0xE8, 0x62, 0x79, 0xFF, 0x65]))])
        case "utf8-last-byte": route.behaviour = .script([.raw(AbuseFrames.utf8BrokenAtTheLastByte)])
        case "reserved-opcode":
            let opcode = try query.integer("opcode", default: UInt8(0xB), in: 0...15)
            guard ![0, 1, 2, 8, 9, 10].contains(opcode) else { throw .badParameter("opcode=\(opcode) is not reserved") }
            route.behaviour = .script([.raw(FrameHeader(opcode: Opcode(rawValue: opcode), payloadLength: 0).encoded)])
        case "rsv":
            let bits = try query.integer("bits", default: UInt8(2), in: 1...7)
            route.behaviour = .script([.raw(AbuseFrames.rsv(bits))])
        case "bomb":
            route.behaviour = .bomb(size: try query.integer("size", default: 1 << 30, in: 0...Route.maxBombSize))
            route.acceptsDeflate = true
        case "bomb-spread":
            let size = try query.integer("size", default: UInt64(16 << 20), in: 1...Route.maxBombSize)
            let count = try query.integer("count", default: UInt64(64), in: 1...(1 << 20))
            route.behaviour = .bombs(size: size, count: count)
            route.acceptsDeflate = true
        case "data-after-close": route.behaviour = .script([.raw(AbuseFrames.dataAfterClose)])
        case "reset-after-open": route.behaviour = .abuse(.reset(afterOpen: true))
        case "trickle":
            route.handshake = .byBehaviour
            route.behaviour = .abuse(.trickle(milliseconds: try query.integer("interval", default: 50, in: 1...10_000)))
        case "half-close": route.behaviour = .abuse(.halfClose)
        case "close-then-reset": route.behaviour = .abuse(.closeThenReset)
        default: throw .notFound(path: "/abuse/\(kind)")
        }
    }
}
