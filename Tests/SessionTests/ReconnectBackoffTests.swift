import ClientTestSupport
import Testing

@testable import Session

/// The reconnect schedule: bases double from 250 ms to the cap, jitter stays in the upper half of each base, and
/// attempts stop at the limit. Random numbers come from a seeded generator, so every run checks the same draws.
@Suite struct ReconnectBackoffTests {
    @Test func basesDoubleUpToTheCap() {
        let backoff = ReconnectBackoff()
        let bases = (1...10).map { backoff.baseDelay(beforeAttempt: $0) }
        #expect(
            bases == [
                .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16),
                .seconds(30), .seconds(30), .seconds(30),
            ])
        #expect(backoff.baseDelay(beforeAttempt: 10_000) == .seconds(30))
    }

    @Test func jitterStaysInTheUpperHalfOfEachBaseAndSpreads() {
        let backoff = ReconnectBackoff(maxDelay: .seconds(4))
        var random = SplitMix64(seed: 42)
        for attempt in 1...6 {
            let base = backoff.baseDelay(beforeAttempt: attempt)
            let delays = (0..<200).compactMap { _ in backoff.delay(beforeAttempt: attempt, using: &random) }
            #expect(delays.count == 200)
            #expect(delays.allSatisfy { $0 >= base / 2 && $0 <= base }, "attempt \(attempt)")
            // Spread: both the lower and the upper quarter of the range are drawn.
            #expect(delays.contains { $0 < base * 0.625 } && delays.contains { $0 > base * 0.875 }, "attempt \(attempt)")
        }
    }

    @Test func attemptsStopAtTheLimit() {
        let backoff = ReconnectBackoff(maxAttempts: 3)
        var random = SplitMix64(seed: 7)
        #expect((1...3).allSatisfy { backoff.delay(beforeAttempt: $0, using: &random) != nil })
        #expect(backoff.delay(beforeAttempt: 4, using: &random) == nil)
        #expect(ReconnectBackoff().delay(beforeAttempt: 1_000_000, using: &random) != nil)
    }

    @Test func aCapBelowTheFirstDelayIsRaisedToIt() {
        #expect(ReconnectBackoff(initialDelay: .seconds(1), maxDelay: .milliseconds(10)).maxDelay == .seconds(1))
    }
}
