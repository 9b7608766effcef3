import Foundation
import Testing

@testable import Session

/// The reconnect state machine, with time and randomness passed in: which ends reconnect, how attempts count
/// and reset, when it gives up, and which timers may still fire.
@Suite struct ReconnectScheduleTests {
    /// Always the top of the jitter range, so each delay equals its base.
    struct MaxRandom: RandomNumberGenerator {
        mutating func next() -> UInt64 { .max }
    }

    let start = Date(timeIntervalSince1970: 1_000_000)

    @Test func anEndTheUserDidNotAskForSchedulesTheFirstAttempt() {
        var schedule = ReconnectSchedule(enabled: true)
        var random = MaxRandom()
        let decision = schedule.connectionEnded(cause: "after close 1006", userAsked: false, now: start, random: &random)
        guard case .reconnect(let attempt, let delay, let due) = decision else {
            Issue.record("no reconnect: \(decision)")
            return
        }
        #expect(attempt == 1)
        #expect(delay <= .milliseconds(250) && delay >= .milliseconds(125))
        #expect(due == start.addingTimeInterval(delay.seconds))
        #expect(schedule.pending?.attempt == 1)
        #expect(schedule.pending?.cause == "after close 1006")
    }

    @Test func anEndTheUserAskedForNeverReconnects() {
        var schedule = ReconnectSchedule(enabled: true)
        var random = MaxRandom()
        #expect(schedule.connectionEnded(cause: "after close 1000", userAsked: true, now: start, random: &random) == .none)
        #expect(schedule.pending == nil)
        #expect(schedule.state == .watching(failures: 0))
    }

    @Test func offMeansNoReconnect() {
        var schedule = ReconnectSchedule(enabled: false)
        var random = MaxRandom()
        #expect(schedule.connectionEnded(cause: "x", userAsked: false, now: start, random: &random) == .none)
        schedule.setEnabled(true)
        #expect(schedule.connectionEnded(cause: "x", userAsked: false, now: start, random: &random) != .none)
        schedule.setEnabled(false)
        #expect(schedule.pending == nil)
        #expect(schedule.state == .off)
    }

    @Test func failedAttemptsCountUpAndDelaysDoubleThenAnOpenResets() {
        var schedule = ReconnectSchedule(enabled: true)
        var random = MaxRandom()
        var delays: [Duration] = []
        for expected in 1...4 {
            guard
                case .reconnect(let attempt, let delay, _) =
                    schedule.connectionEnded(cause: "refused", userAsked: false, now: start, random: &random)
            else {
                Issue.record("no reconnect at \(expected)")
                return
            }
            #expect(attempt == expected)
            delays.append(delay)
            #expect(schedule.attemptStarted() == "refused")
        }
        // The top of the jitter range is each base (up to the rounding of the fraction).
        let bases: [Duration] = [.milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2)]
        for (delay, base) in zip(delays, bases) { #expect(delay <= base && delay > base * 0.99, "\(delay) vs \(base)") }
        schedule.connectionOpened()
        guard
            case .reconnect(let attempt, _, _) =
                schedule.connectionEnded(cause: "dropped", userAsked: false, now: start, random: &random)
        else {
            Issue.record("no reconnect after open")
            return
        }
        #expect(attempt == 1)
    }

    @Test func givesUpAfterTheAllowedAttemptsAndRTriesAgain() {
        var schedule = ReconnectSchedule(backoff: ReconnectBackoff(maxAttempts: 2), enabled: true)
        var random = MaxRandom()
        for _ in 1...2 {
            #expect(schedule.connectionEnded(cause: "c", userAsked: false, now: start, random: &random) != .none)
            _ = schedule.attemptStarted()
        }
        #expect(schedule.connectionEnded(cause: "c", userAsked: false, now: start, random: &random) == .giveUp(attempts: 2))
        #expect(schedule.state == .gaveUp(attempts: 2))
        // A close after giving up schedules nothing more.
        #expect(schedule.connectionEnded(cause: "c", userAsked: false, now: start, random: &random) == .none)
        // R starts a fresh round.
        #expect(schedule.attemptStarted() == nil)
        guard
            case .reconnect(let attempt, _, _) =
                schedule.connectionEnded(cause: "c", userAsked: false, now: start, random: &random)
        else {
            Issue.record("no fresh round")
            return
        }
        #expect(attempt == 1)
    }

    @Test func onlyTheWaitingAttemptsTimerCounts() {
        var schedule = ReconnectSchedule(enabled: true)
        var random = MaxRandom()
        _ = schedule.connectionEnded(cause: "c", userAsked: false, now: start, random: &random)
        #expect(schedule.isDue(attempt: 1))
        #expect(!schedule.isDue(attempt: 2))
        schedule.cancelPending()
        #expect(!schedule.isDue(attempt: 1))
        #expect(schedule.state == .watching(failures: 0))
    }

    @Test func theCapBoundsEveryDelay() {
        var schedule = ReconnectSchedule(backoff: ReconnectBackoff(maxDelay: .seconds(1)), enabled: true)
        var random = MaxRandom()
        for _ in 1...8 {
            guard
                case .reconnect(_, let delay, _) =
                    schedule.connectionEnded(cause: "c", userAsked: false, now: start, random: &random)
            else {
                Issue.record("no reconnect")
                return
            }
            #expect(delay <= .seconds(1))
            _ = schedule.attemptStarted()
        }
    }
}
