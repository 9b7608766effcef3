import Foundation

/// The one machine-readable line a client prints: the same JSON keys from every client (see
/// Benchmarks/harness/results.py), so the runner treats them all alike.
struct BenchResult: Sendable {
    var client: String
    var workload: String
    var count: Int
    var size: Int
    /// Wall time of the measured part (open → last message, or first send → reply).
    var seconds: Double = 0
    /// Payload bytes received in the measured part (flood, bulk), to prove the sizes were right.
    var bytes: Int = 0
    /// Round-trip samples in nanoseconds (rtt only); reduced to percentiles when printed.
    var samples: [UInt64] = []
    /// The negotiated `Sec-WebSocket-Extensions`.
    var extensions = ""
    var error: String?

    /// The JSON line.
    func line() -> String {
        var fields: [(String, String)] = [
            ("client", quoted(client)), ("workload", quoted(workload)), ("count", "\(count)"), ("size", "\(size)"),
            ("seconds", "\(seconds)"), ("bytes", "\(bytes)"), ("extensions", quoted(extensions)),
        ]
        if seconds > 0 {
            fields.append(("msgs_per_s", "\(Double(count) / seconds)"))
            fields.append(("mb_per_s", "\(Double(bytes) / seconds / 1e6)"))
        }
        if !samples.isEmpty {
            let sorted = samples.sorted()
            fields.append(("p50_us", "\(Double(Self.percentile(sorted, 0.50)) / 1000)"))
            fields.append(("p99_us", "\(Double(Self.percentile(sorted, 0.99)) / 1000)"))
        }
        if let error { fields.append(("error", quoted(error))) }
        return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// Nearest-rank percentile, the definition every client uses.
    static func percentile(_ sorted: [UInt64], _ fraction: Double) -> UInt64 {
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[max(0, min(sorted.count - 1, rank - 1))]
    }

    private func quoted(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"?\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
