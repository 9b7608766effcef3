import Inspector

/// When to try again after a connection ended that the user did not end: exponential backoff with jitter, so that
/// many clients dropped together by one server do not all come back in the same instant (`--reconnect`, through
/// ``ReconnectSchedule``).
///
/// The base delay starts at `initialDelay` and doubles after each failed attempt up to `maxDelay`; each delay is
/// drawn uniformly from the upper half of its base ("equal jitter"): never more than the base, never less than half.
package struct ReconnectBackoff: Sendable, Hashable {
    /// The base delay before the first attempt.
    package var initialDelay: Duration
    /// The largest base delay.
    package var maxDelay: Duration
    /// How many attempts in a row before giving up; nil tries for ever.
    package var maxAttempts: Int?

    /// The defaults: 250 ms doubling to 30 s, unlimited attempts.
    package init(initialDelay: Duration = .milliseconds(250), maxDelay: Duration = .seconds(30), maxAttempts: Int? = nil) {
        self.initialDelay = initialDelay
        self.maxDelay = max(maxDelay, initialDelay)
        self.maxAttempts = maxAttempts
    }

    /// The base delay before attempt `attempt` (1 for the first after a drop), before jitter.
    package func baseDelay(beforeAttempt attempt: Int) -> Duration {
        var delay = initialDelay
        // Doubling stops at the cap, so a long outage never overflows.
        for _ in 1..<max(1, attempt) where delay < maxDelay { delay *= 2 }
        return min(delay, maxDelay)
    }

    /// The delay before attempt `attempt`, with jitter from `random`; nil once `maxAttempts` have been made.
    package func delay(beforeAttempt attempt: Int, using random: inout some RandomNumberGenerator) -> Duration? {
        if let maxAttempts, attempt > maxAttempts { return nil }
        let base = baseDelay(beforeAttempt: attempt)
        let fraction = Double.random(in: 0.5...1, using: &random)
        return base * fraction
    }
}
