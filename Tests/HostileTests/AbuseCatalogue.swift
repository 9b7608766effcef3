import ProcessTestSupport
import Testing
import WebSockets

/// The hostile-peer suites (issue 24), run one at a time: each measures peak memory, which a neighbour would blur.
@Suite("Hostile peers", .serialized)
enum Hostile {}

/// One abuse from `wsinspect serve`'s `/abuse/` catalogue and what a client must make of it.
struct Abuse: Sendable, CustomTestStringConvertible {
    /// How the connection must end.
    enum Ending: Sendable {
        /// Opened, then failed: the client's close code and the words its error must contain.
        case failed(code: UInt16, says: String)
        /// The handshake was refused (1006, never opened), with these words.
        case refused(says: String)
        /// A clean close with this code and no error.
        case clean(code: UInt16)
    }

    /// The route after `/abuse/`, with its query.
    let route: String
    let ending: Ending
    /// Messages the client must have received (nil: not checked).
    var messages: Int? = nil
    /// The client closes with 1000 after this many messages (0: at open), where the abuse waits for it.
    var closeAfter: Int? = nil
    /// How far the library client may raise this process's peak memory, and the `--dump` process's peak, in MiB.
    /// The dump's includes the program itself, about 40 MiB in a debug build.
    var clientMiB = 32
    var dumpMiB = 80
    /// Extra `--dump` flags: the cases with a thousand 1 MiB frames print 1 KiB of each, since formatting 64 KiB
    /// of hex per line is what takes the time in a debug build, not the abuse.
    var dumpFlags: [String] = []
    /// A handshake timeout for the abuses that never answer; the default leaves 30 s.
    var handshakeSeconds: Int? = nil
    /// A smaller message limit for the client (`--max-message-size` goes in `dumpFlags` to match).
    var maxMessageSize: UInt64? = nil

    var testDescription: String { route }

    /// The case's flags that also apply to the inspector's screen (`--dump-max-bytes` is the dump's alone).
    var inspectorFlags: [String] {
        guard let index = dumpFlags.firstIndex(of: "--max-message-size"), index + 1 < dumpFlags.count else { return [] }
        return Array(dumpFlags[index...index + 1])
    }

    /// What the abuse's error or close must name, for messages.
    var says: String? {
        switch ending {
        case .failed(_, let says), .refused(let says): return says
        case .clean: return nil
        }
    }

    /// The limits the library client runs with.
    var limits: ConnectionLimits {
        var limits = ConnectionLimits()
        if let handshakeSeconds { limits.handshakeTimeout = .seconds(handshakeSeconds) }
        if let maxMessageSize { limits.maxPayloadSize = maxMessageSize }
        return limits
    }

    /// Every abuse, in the catalogue's order. The words are what a person reads: no type names, no numbers
    /// without their meaning.
    static let all: [Abuse] = [
        // Handshake.
        Abuse(route: "endless-head", ending: .refused(says: "HTTP head longer than 16 KiB")),
        Abuse(route: "duplicate-accept", ending: .refused(says: "Sec-WebSocket-Accept mismatch (expected one value")),
        Abuse(
            route: "status-401",
            ending: .refused(says: "got \"HTTP/1.1 401 Unauthorized\"; the body begins \"token expired: sign in again\"")),
        Abuse(
            route: "redirect",
            ending: .refused(says: "redirect (HTTP/1.1 302 Found) to ws://127.0.0.1/elsewhere; WebSocket clients do not follow redirects")),
        Abuse(route: "no-upgrade", ending: .refused(says: "Upgrade header missing")),
        Abuse(route: "unoffered-extension", ending: .refused(says: "x-unknown, which was not offered")),
        Abuse(
            route: "unoffered-protocol", ending: .refused(says: "Sec-WebSocket-Protocol \"unoffered\" sent, but no subprotocol was offered")
        ),
        Abuse(
            route: "silent", ending: .refused(says: "within 2 s (the upgrade request was sent and no complete response came)"),
            handshakeSeconds: 2),
        Abuse(route: "reset", ending: .refused(says: "connection reset by peer (127.0.0.1:")),
        // Frames.
        Abuse(route: "max-length", ending: .failed(code: 1009, says: "1009 message too big: frame of 8.0 EiB passed the 128 MiB limit")),
        Abuse(route: "big-message", ending: .failed(code: 1009, says: "1009 message too big: frame of 300 MiB passed the 128 MiB limit")),
        // 300 MiB in 1 MiB fragments against a 16 MiB limit: the same check as at 128 MiB, in an eighth of the time.
        Abuse(
            route: "big-message?fragment=1048576",
            ending: .failed(code: 1009, says: "1009 message too big: message size passed the 16 MiB limit"),
            clientMiB: 64, dumpFlags: ["--dump-max-bytes", "1K", "--max-message-size", "16M"], maxMessageSize: 16 << 20),
        Abuse(
            route: "endless-continuations",
            ending: .failed(code: 1008, says: "1008 policy violation: message has more than 131072 fragments")),
        Abuse(route: "interleaved-control?fragments=4", ending: .clean(code: 1000), messages: 1),
        Abuse(route: "ping-flood?count=300000", ending: .clean(code: 1000)),
        Abuse(
            route: "close-never-answered", ending: .failed(code: 1006, says: "did not complete the closing handshake within 5 s"),
            closeAfter: 0),
        Abuse(route: "close-invalid-code", ending: .failed(code: 1002, says: "1002 protocol error: CLOSE frame with invalid code 1005")),
        Abuse(route: "close-one-byte", ending: .failed(code: 1002, says: "CLOSE frame with a 1-byte payload")),
        Abuse(
            route: "close-bad-utf8-reason", ending: .failed(code: 1007, says: "1007 invalid data: CLOSE frame reason is not valid UTF-8")),
        Abuse(route: "utf8-last-byte", ending: .failed(code: 1007, says: "text message ends inside a UTF-8 sequence")),
        Abuse(route: "reserved-opcode", ending: .failed(code: 1002, says: "reserved opcode")),
        Abuse(route: "rsv?bits=2", ending: .failed(code: 1002, says: "RSV2")),
        Abuse(
            route: "bomb", ending: .failed(code: 1009, says: "1009 message too big: inflated size passed the 128 MiB limit"), clientMiB: 200
        ),
        Abuse(
            route: "bomb-spread?count=64&size=16777216", ending: .clean(code: 1000), messages: 64, closeAfter: 64, clientMiB: 100,
            dumpFlags: ["--dump-max-bytes", "1K"]),
        Abuse(route: "data-after-close", ending: .clean(code: 1000), messages: 0),
        // Transport.
        Abuse(route: "reset-after-open", ending: .failed(code: 1006, says: "connection reset by peer (127.0.0.1:"), messages: 1),
        Abuse(route: "trickle", ending: .clean(code: 1000), messages: 1),
        Abuse(route: "half-close", ending: .failed(code: 1006, says: "closed without a Close frame"), messages: 3),
        Abuse(route: "close-then-reset", ending: .clean(code: 1000)),
    ]
}
