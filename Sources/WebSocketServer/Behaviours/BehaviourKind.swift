import WebSocketCore

/// Which behaviour a route asked for, as a value the router can build and tests can compare.
enum BehaviourKind: Sendable, Hashable {
    /// Echo everything.
    case echo
    /// Send the request head as received, then echo.
    case headers
    /// Send a fixed script, then echo.
    case script([ScriptStep])
    /// Send many messages.
    case flood(FloodPlan)
    /// Count messages and report after `count`.
    case sink(count: UInt64)
    /// Send timestamped messages at a fixed interval.
    case tick(TickPlan)
    /// Echo `after` messages, then drop TCP.
    case drop(after: UInt64)
    /// Echo, but never answer the client's Close.
    case ignoreClose
    /// Stop reading from the client after the handshake, so its writes back up.
    case stall
    /// Send one compressed message that inflates to `size` zero bytes (a decompression bomb).
    case bomb(size: UInt64)
    /// Send `count` compressed messages that inflate to `size` zero bytes each (a bomb spread over many).
    case bombs(size: UInt64, count: UInt64)
    /// One of the hostile-peer abuses under `/abuse/`.
    case abuse(AbuseKind)

    /// Whether the behaviour is a decompression bomb, which exists only compressed.
    var isBomb: Bool {
        switch self {
        case .bomb, .bombs: return true
        default: return false
        }
    }

    /// A fresh behaviour for one connection whose request head was `head`.
    func make(head: HTTPHead) -> any Behaviour {
        switch self {
        case .echo: return EchoBehaviour()
        // The head is valid UTF-8: the core's parser refuses anything else.
        case .headers: return ScriptedBehaviour([.text(String(decoding: head.rawBytes, as: UTF8.self))])
        case .script(let steps): return ScriptedBehaviour(steps)
        case .flood(let plan): return FloodBehaviour(plan)
        case .sink(let count): return SinkBehaviour(count: count)
        case .tick(let plan): return TickBehaviour(plan)
        case .drop(let after): return DropBehaviour(after: after)
        case .ignoreClose: return IgnoreCloseBehaviour()
        case .stall: return StallBehaviour()
        case .bomb(let size): return BombBehaviour(size: size)
        case .bombs(let size, let count): return BombBehaviour(size: size, messages: count)
        case .abuse(let kind): return kind.make(head: head)
        }
    }
}
