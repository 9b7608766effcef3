import Dispatch

/// Times `body` (which processes `bytesPerCall` bytes) over repetitions of at least `minimumSeconds` each and
/// returns the median throughput in GB/s (10^9 bytes per second), so one descheduled slice does not decide.
func medianThroughput(
    bytesPerCall: Int, minimumSeconds: Double, repetitions: Int = 5, _ body: () -> Void
) -> Double {
    // Warm caches and let the CPU settle before timing.
    for _ in 0..<3 { body() }
    var rates: [Double] = []
    for _ in 0..<repetitions {
        var calls = 0
        let start = DispatchTime.now().uptimeNanoseconds
        var elapsed: UInt64 = 0
        repeat {
            body()
            calls += 1
            elapsed = DispatchTime.now().uptimeNanoseconds - start
        } while Double(elapsed) / 1e9 < minimumSeconds
        rates.append(Double(calls * bytesPerCall) / Double(elapsed))
    }
    return rates.sorted()[rates.count / 2]
}

/// Keeps a computed value alive so the optimiser cannot drop the work that produced it.
@inline(never)
func keep<T>(_ value: T) { withExtendedLifetime(value) {} }
