import Foundation

/// When `--reconnect` (or `/reconnect auto`) brings a connection back: the state machine between "a connection
/// ended" and "connect again now", with time and randomness passed in so tests drive it without a clock.
///
/// Only ends the user did not ask for are followed by a reconnect; `/close` and `q` never are. Attempts are
/// counted from the last connection that opened: an attempt that opens resets the count.
package struct ReconnectSchedule: Sendable {
    /// Where the schedule is.
    package enum State: Sendable, Hashable {
        /// Automatic reconnect is off.
        case off
        /// On, with a connection live or being opened; `failures` attempts in a row have not opened yet.
        case watching(failures: Int)
        /// On, and attempt `attempt` is due at `due`; `cause` says why the last connection ended.
        case waiting(attempt: Int, due: Date, cause: String)
        /// On, but `attempts` attempts in a row failed and `--reconnect-attempts` allows no more.
        case gaveUp(attempts: Int)
    }

    /// What the session should do after ``connectionEnded(cause:userAsked:now:random:)``.
    package enum Decision: Sendable, Hashable {
        /// Nothing: reconnect is off, or the user ended the connection.
        case none
        /// Connect again after `delay` (attempt number `attempt`).
        case reconnect(attempt: Int, delay: Duration, due: Date)
        /// No more attempts: `attempts` failed in a row.
        case giveUp(attempts: Int)
    }

    /// The delays.
    package var backoff: ReconnectBackoff
    /// Where the schedule is now.
    package private(set) var state: State

    /// Creates a schedule, on (`enabled`) or off.
    package init(backoff: ReconnectBackoff = ReconnectBackoff(), enabled: Bool) {
        self.backoff = backoff
        state = enabled ? .watching(failures: 0) : .off
    }

    /// Whether reconnecting is on.
    package var isEnabled: Bool {
        if case .off = state { return false }
        return true
    }

    /// Turns automatic reconnect on or off (`/reconnect auto`, `/reconnect off`); off cancels a pending attempt.
    package mutating func setEnabled(_ enabled: Bool) {
        if enabled == isEnabled { return }
        state = enabled ? .watching(failures: 0) : .off
    }

    /// The attempt waiting to be made, if any.
    package var pending: (attempt: Int, due: Date, cause: String)? {
        if case .waiting(let attempt, let due, let cause) = state { return (attempt, due, cause) }
        return nil
    }

    /// A connection opened: the failure count starts again.
    package mutating func connectionOpened() {
        if isEnabled { state = .watching(failures: 0) }
    }

    /// A connection ended (or an attempt failed). `userAsked` is true for `/close`, `q` and a cancelled attempt.
    package mutating func connectionEnded(
        cause: String, userAsked: Bool, now: Date, random: inout some RandomNumberGenerator
    ) -> Decision {
        guard case .watching(let failures) = state, !userAsked else { return .none }
        let attempt = failures + 1
        guard let delay = backoff.delay(beforeAttempt: attempt, using: &random) else {
            state = .gaveUp(attempts: failures)
            return .giveUp(attempts: failures)
        }
        let due = now.addingTimeInterval(delay.seconds)
        state = .waiting(attempt: attempt, due: due, cause: cause)
        return .reconnect(attempt: attempt, delay: delay, due: due)
    }

    /// An attempt is being made now (its timer fired, or `R` asked for it). Returns the cause of the end it
    /// follows, for the divider row, or nil when nothing was waiting.
    package mutating func attemptStarted() -> String? {
        switch state {
        case .waiting(let attempt, _, let cause):
            state = .watching(failures: attempt)
            return cause
        case .gaveUp:
            // `R` after giving up starts a fresh round of attempts.
            state = .watching(failures: 0)
            return nil
        case .off, .watching:
            return nil
        }
    }

    /// Forgets a waiting attempt (the user closed, or connected elsewhere); later ends reconnect again.
    package mutating func cancelPending() {
        if case .waiting = state { state = .watching(failures: 0) }
    }

    /// Whether the timer of attempt `attempt` is still the one that should fire.
    package func isDue(attempt: Int) -> Bool {
        if case .waiting(attempt, _, _) = state { return true }
        return false
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: TimeInterval {
        let parts = components
        return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
    }
}
