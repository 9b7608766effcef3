/// The command line every benchmark client shares (see Benchmarks/README section in the project README):
/// `wsbench WORKLOAD URL COUNT SIZE [--deflate] [--api event|stream|stream-on-loop|blocking-socket|spinning-socket] [--timeout SECONDS]`.
struct BenchArguments: Sendable {
    /// What to measure.
    enum Workload: String, Sendable {
        /// Count COUNT messages of SIZE bytes that the server floods.
        case flood
        /// COUNT sequential SIZE-byte text echoes; percentiles of the round-trip time.
        case rtt
        /// Send COUNT SIZE-byte text messages; the server answers once after the last.
        case sink
        /// COUNT sequential SIZE-byte binary echoes; throughput.
        case bulk
    }

    /// Which of our client APIs runs the workload.
    enum API: String, Sendable {
        /// `WebSocket` with WHATWG-style callbacks.
        case event
        /// `WebSocketStream` (async readable/writable), driven from a task on the cooperative pool.
        case stream
        /// `WebSocketStream` driven from a task that prefers the stream's `taskExecutor` (the connection's thread).
        case streamOnConnectionThread = "stream-on-loop"
        /// No library: blocking socket calls and one prebuilt frame, the floor of rtt (`BlockingSocketRun`).
        case blockingSocket = "blocking-socket"
        /// The same, polling the socket instead of sleeping on it: the floor of a client that spins a core.
        case spinningSocket = "spinning-socket"
    }

    var workload: Workload
    var url: String
    var count: Int
    var size: Int
    /// Whether permessage-deflate must be negotiated (the run fails if the server declines it).
    var requireDeflate = false
    var api = API.event
    /// A bound on the whole run; past it the client reports a timeout and exits.
    var timeoutSeconds = 120.0

    static let usage =
        "usage: wsbench flood|rtt|sink|bulk URL COUNT SIZE [--deflate] [--api event|stream|stream-on-loop|blocking-socket|spinning-socket] [--timeout S]"

    /// Parses `arguments` (without the program name); the error is a line for stderr.
    static func parse(_ arguments: [String]) -> Result<BenchArguments, BenchFailure> {
        var positional: [String] = []
        var options: [String: String] = [:]
        var flags: Set<String> = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--deflate": flags.insert(argument)
            case "--api", "--timeout":
                guard index + 1 < arguments.count else { return .failure(BenchFailure("\(argument) needs a value")) }
                options[argument] = arguments[index + 1]
                index += 1
            default: positional.append(argument)
            }
            index += 1
        }
        guard positional.count == 4,
            let workload = Workload(rawValue: positional[0]),
            let count = Int(positional[2]), count > 0,
            let size = Int(positional[3]), size >= 0
        else { return .failure(BenchFailure(usage)) }
        var parsed = BenchArguments(workload: workload, url: positional[1], count: count, size: size)
        parsed.requireDeflate = flags.contains("--deflate")
        if let api = options["--api"] {
            guard let value = API(rawValue: api) else {
                return .failure(BenchFailure("--api \(api): event, stream, stream-on-loop, blocking-socket or spinning-socket"))
            }
            parsed.api = value
        }
        if let timeout = options["--timeout"] {
            guard let value = Double(timeout), value > 0 else { return .failure(BenchFailure("--timeout \(timeout)")) }
            parsed.timeoutSeconds = value
        }
        return .success(parsed)
    }
}

/// Why a benchmark run produced no figure; printed in the result line's `error` field.
struct BenchFailure: Error, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
}
