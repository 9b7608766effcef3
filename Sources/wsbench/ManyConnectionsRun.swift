import Dispatch
import Foundation
import Synchronization
import WebSockets

/// `wsbench many BASE_URL N ROUNDS TICKS [--timeout S]`: the many-connections workload on the event API, one JSON
/// line with the keys every driver of it prints (Benchmarks/harness/scale.py). Setup and broadcast run on N
/// connections to `/sink`, fan-in on N connections to `/tick`, one phase after the other.
struct ManyConnectionsRun {
    let base: String
    let count: Int
    let rounds: Int
    let ticks: Int
    let timeoutSeconds: Double

    /// Connections being opened at once: enough to keep the server busy, few enough for its listen backlog.
    static let opening = 100

    /// Parses the arguments after `many`; nil for a bad command line.
    init?(_ arguments: [String]) {
        var positional = arguments
        var timeout = 120.0
        if let index = positional.firstIndex(of: "--timeout"), index + 1 < positional.count {
            guard let value = Double(positional[index + 1]), value > 0 else { return nil }
            timeout = value
            positional.removeSubrange(index...(index + 1))
        }
        guard positional.count == 4, let n = Int(positional[1]), n > 0, let r = Int(positional[2]), r > 0,
            let t = Int(positional[3]), t > 0
        else { return nil }
        (base, count, rounds, ticks, timeoutSeconds) = (positional[0], n, r, t, timeout)
    }

    /// Runs the three phases; the result line carries `error` when one failed or timed out.
    func run() -> String {
        var fields: [(String, String)] = [("client", "\"wsinspect-event\""), ("n", "\(count)")]
        let deadline = DispatchTime.now() + timeoutSeconds
        let tally = ManyTally()
        let rssBefore = residentKiB()
        var start = nowNanoseconds()
        guard let sinks = openAll("\(base)/sink?count=\(rounds)&deflate=0", tally: tally, deadline: deadline) else {
            return line(fields + [("error", "\"setup failed or timed out\"")])
        }
        let setup = Double(nowNanoseconds() &- start) / 1e9
        // Let connection set-up garbage go before reading what idle connections hold.
        usleep(200_000)
        fields += [("setup_s", "\(setup)"), ("conns_per_s", "\(Double(count) / setup)")]
        fields.append(("rss_per_conn_kib", "\(Double(residentKiB() - rssBefore) / Double(count))"))

        start = nowNanoseconds()
        for _ in 0..<rounds { for socket in sinks { try? socket.send("xxxxxxxxxxxxxxxx") } }
        guard tally.replies.wait(timeout: deadline) == .success else {
            return line(fields + [("error", "\"broadcast timed out\"")])
        }
        fields.append(("broadcast_msgs_per_s", "\(Double(count * rounds) / (Double(nowNanoseconds() &- start) / 1e9))"))
        for socket in sinks { try? socket.close() }

        let target = "\(base)/tick?count=\(ticks)&interval=100&size=64&deflate=0"
        guard let tickers = openAll(target, tally: tally, deadline: deadline) else {
            return line(fields + [("error", "\"fan-in setup failed or timed out\"")])
        }
        let cpuStart = cpuSeconds()
        let receivedAtStart = tally.delays.withLock { $0.count }
        start = nowNanoseconds()
        // Ticks still missing a few seconds after the last was due are counted as lost.
        _ = tally.ticked.wait(timeout: .now() + Double(ticks) * 0.1 + 5)
        let window = Double(nowNanoseconds() &- start) / 1e9
        let delays = tally.delays.withLock { $0 }.sorted()
        let inWindow = max(1, delays.count - receivedAtStart)
        fields.append(("fanin_msgs_per_s", "\(Double(inWindow) / window)"))
        fields.append(("fanin_cpu_us_per_msg", "\((cpuSeconds() - cpuStart) * 1e6 / Double(inWindow))"))
        if !delays.isEmpty {
            fields.append(("fanin_p50_ms", "\(Double(BenchResult.percentile(delays, 0.5)) / 1e6)"))
            fields.append(("fanin_p99_ms", "\(Double(BenchResult.percentile(delays, 0.99)) / 1e6)"))
        }
        fields.append(("lost", "\(count * ticks - delays.count)"))
        withExtendedLifetime(tickers) {}
        return line(fields)
    }

    /// Opens `count` connections to `url`, `opening` at a time; nil when one fails or the deadline passes.
    private func openAll(_ url: String, tally: ManyTally, deadline: DispatchTime) -> [WebSocket]? {
        // Made with 0 and signalled up to `opening`: libdispatch traps when a semaphore is freed below the value it
        // was made with, which an early return (a failed connection) would do.
        let slots = DispatchSemaphore(value: 0)
        for _ in 0..<Self.opening { slots.signal() }
        var sockets: [WebSocket] = []
        sockets.reserveCapacity(count)
        let expectedTicks = count * ticks
        let expectedReplies = count
        for _ in 0..<count {
            guard slots.wait(timeout: deadline) == .success, !tally.failed.withLock({ $0 }) else { return nil }
            guard let socket = try? WebSocket(url: url, options: WebSocketInit()) else { return nil }
            socket.setCallbacks(
                onopen: { _ in slots.signal() },
                onmessage: { event in
                    guard case .text(let text) = event.data else { return }
                    if let sent = UInt64(text.prefix { $0 != " " }), text.utf8.count == 64 {
                        let delay = nowNanoseconds() &- sent
                        let total = tally.delays.withLock { delays in
                            delays.append(delay)
                            return delays.count
                        }
                        if total == expectedTicks { tally.ticked.signal() }
                    } else if tally.replyCount.add(1, ordering: .relaxed).newValue == expectedReplies {
                        tally.replies.signal()
                    }
                },
                onerror: { _ in
                    tally.failed.withLock { $0 = true }
                    slots.signal()
                })
            sockets.append(socket)
        }
        // The last `opening` connections: wait for them all.
        for _ in 0..<Self.opening {
            guard slots.wait(timeout: deadline) == .success else { return nil }
        }
        return tally.failed.withLock({ $0 }) ? nil : sockets
    }

    private func line(_ fields: [(String, String)]) -> String {
        "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }
}

/// What the callbacks of every connection count, from whichever event loop thread delivers them.
final class ManyTally: Sendable {
    /// Delivery delays of the ticks, in nanoseconds.
    let delays = Mutex<[UInt64]>([])
    /// Sink replies (one per connection after the broadcast).
    let replyCount = Atomic<Int>(0)
    /// Whether any connection failed.
    let failed = Mutex(false)
    /// Signalled when every connection has replied to the broadcast.
    let replies = DispatchSemaphore(value: 0)
    /// Signalled when every tick has arrived.
    let ticked = DispatchSemaphore(value: 0)
}

/// The process's resident set in KiB, from /proc/self/status.
func residentKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
    else { return 0 }
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
}

/// User + system CPU seconds of the whole process.
func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
