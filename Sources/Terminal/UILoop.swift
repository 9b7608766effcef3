import CNCurses
import Foundation
import Inspector

/// The inspector's UI thread: one `poll()` on stdin and the event queue's wake descriptor, then keys, then queued
/// connection events, then at most one redraw per frame.
///
/// - Keys are read every turn of the loop and answered with a redraw straight away, outside the frame pacing, so
///   a key press shows at once even while a flood is queued.
/// - Queued events are applied in slices of at most ``eventBudgetNanoseconds``; what is left stays queued for the
///   next turn (nothing is dropped), and the loop does not sleep while any is left.
/// - Redraws are paced by ``FrameClock``: a flood of 100 000 messages a second costs at most 60 redraws.
package final class UILoop {
    /// Time spent applying queued events before keys and the frame get their turn again.
    static let eventBudgetNanoseconds: UInt64 = 4_000_000
    /// Time a search in progress gets per turn, so keys are read again well within a frame.
    static let searchBudgetNanoseconds: UInt64 = 6_000_000
    /// Payload bytes a search reads between looks at the clock.
    static let searchSliceBytes = 64 * 1024
    /// How long an idle `poll()` sleeps; ncurses learns of a resize from SIGWINCH, which may land on another
    /// thread and so not interrupt our `poll()`: waking now and then picks up its `KEY_RESIZE` regardless.
    static let idlePollMilliseconds: Int32 = 200
    /// How often the status bar's `CONNECTING 4.2 s` count (or `RECONNECTING in 3.2 s` countdown) is redrawn.
    static let connectingPollMilliseconds: Int32 = 100

    private let screen: CursesScreen
    private let renderer: InspectorRenderer
    private let session: any SessionDriver
    private let queue: WakeableQueue
    private var clock: FrameClock
    /// Events taken from the queue and not applied yet.
    private var pending = TakenEvents()

    /// Takes over the terminal. Throws (leaving it untouched) when there is no usable terminal.
    ///
    /// - Parameters:
    ///   - theme: the theme; it is resolved here, once the terminal's colour count is known.
    ///   - session: the connection; its events must be pushed into `queue` as ``TerminalEvent/session(_:)``.
    ///   - framesPerSecond: the redraw limit.
    ///   - mouse: whether clicks and the wheel come to the inspector (`--no-mouse` leaves them to the terminal).
    package init(
        theme: Theme, session: any SessionDriver, queue: WakeableQueue, framesPerSecond: Int = 60, mouse: Bool = true
    ) throws {
        screen = try CursesScreen(theme: theme, mouse: mouse)
        var renderer = InspectorRenderer(palette: theme.palette(for: screen.depth))
        renderer.asciiOnly = theme.name == "mono"
        self.renderer = renderer
        self.session = session
        self.queue = queue
        clock = FrameClock(framesPerSecond: framesPerSecond)
    }

    /// Runs until `q`, Ctrl-C or a termination signal, then restores the terminal and returns the final state
    /// (whose compose history the caller saves).
    package func run(_ initial: InspectorState) -> InspectorState {
        var state = initial
        let signals = TerminationSignals(queue: queue)
        defer {
            signals.cancel()
            screen.end()
        }
        var keys = KeyReader(window: screen.window)
        state.resize(to: screen.size)
        var descriptors = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: queue.wakeDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        var running = true
        var shownConnectingCount = ""
        var shownRateSecond = 0
        while running {
            // A hanging attempt counts up and a waiting reconnect counts down: both redraw as time passes.
            let counting =
                state.status.state == .connecting && state.status.connectingSince != nil
                || state.status.reconnect != nil
            let idle = counting ? Self.connectingPollMilliseconds : Self.idlePollMilliseconds
            let timeout =
                !pending.isEmpty || state.search.isRunning
                ? 0 : queue.pollTimeout(idle: clock.pollTimeout(at: FrameClock.now, idle: idle))
            descriptors[0].revents = 0
            descriptors[1].revents = 0
            _ = poll(&descriptors, 2, timeout)
            // The terminal went away (window closed, ssh dropped): nothing can be shown or typed any more.
            if descriptors[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { break }

            let batch = keys.readAvailable()
            let keysHandled = !batch.isEmpty
            var index = 0
            while index < batch.count && running {
                // Without bracketed paste, multi-line text typed faster than a person can is a paste, not
                // one message per line.
                if state.activeContext == .compose, let burst = TypingBurst.paste(at: batch[index...]) {
                    running = handle(.paste(burst.text), in: &state)
                    index += burst.count
                } else {
                    running = handle(batch[index], in: &state)
                    index += 1
                }
            }
            if !running { break }
            // A key is answered at once, not at the next frame slot: keys come at a human rate, so drawing for
            // each costs nothing, and waiting behind a flood's frame pacing is what made typing feel slow.
            if keysHandled { draw(state) }

            // Taken whether or not the pipe woke us: while the consumer is busy, producers do not write to it.
            if pending.isEmpty {
                // Handed back in place, so the queue gets storage no one else holds, which it refills without
                // copying.
                queue.recycle(&pending)
                pending = queue.takeAll()
            }
            if applyPending(to: &state) == false { break }
            if state.search.isRunning { advanceSearch(in: &state) }
            // Nothing arrives while a server hangs the handshake or a reconnect waits, yet the count must move:
            // redraw when it changes.
            if counting {
                let now = Date()
                let count =
                    state.status.reconnect?.label(now: now)
                    ?? ElapsedFormat.count(since: state.status.connectingSince, now: now)
                if count != shownConnectingCount {
                    shownConnectingCount = count
                    clock.invalidate()
                }
            }

            // The rates and sparkline move on each second even when nothing arrives, until the minute is quiet.
            let second = Int(Date().timeIntervalSince1970)
            if second != shownRateSecond {
                shownRateSecond = second
                let counters = state.log.counters
                let seconds = Double(second)
                if counters.receivedRate.isActive(at: seconds) || counters.sentRate.isActive(at: seconds) {
                    clock.invalidate()
                }
            }

            if clock.isDue(at: FrameClock.now) { draw(state) }
        }
        return state
    }

    private func draw(_ state: InspectorState) {
        screen.draw(state, with: renderer)
        clock.didDraw(at: FrameClock.now)
    }

    /// Frames drawn so far.
    package var framesDrawn: Int { clock.framesDrawn }

    /// Applies a key and carries out its effects; `false` when it asks to quit.
    private func handle(_ key: Key, in state: inout InspectorState) -> Bool {
        if key == .resize { state.resize(to: screen.size) }
        for effect in state.handle(key) {
            // The clipboard is the terminal's, so the terminal layer writes it; the rest is the session's.
            if case .copyToClipboard(let text) = effect {
                Clipboard.copy(text)
                continue
            }
            if !session.perform(effect, state: &state) { return false }
        }
        return true
    }

    /// Gives a search in progress slices of the log until it ends or this turn's time is spent; keys are read
    /// again before the next turn, so a search over a large log never holds them up for a frame.
    private func advanceSearch(in state: inout InspectorState) {
        let deadline = FrameClock.now + Self.searchBudgetNanoseconds
        while state.advanceSearch(byteBudget: Self.searchSliceBytes), FrameClock.now < deadline {}
        clock.invalidate()
    }

    /// Applies queued events until the queue slice is done or the time budget is spent. Returns `false` when a
    /// termination signal asks the loop to end.
    private func applyPending(to state: inout InspectorState) -> Bool {
        guard !pending.isEmpty else { return true }
        // Read from a local: through the stored property, every event would pay an exclusivity check.
        var events = TakenEvents()
        swap(&events, &pending)
        defer { swap(&events, &pending) }
        let deadline = FrameClock.now + Self.eventBudgetNanoseconds
        var applied = 0
        while let event = events.next() {
            switch consume event {
            case .session(let sessionEvent): session.apply(sessionEvent, to: &state)
            case .terminate: return false
            }
            applied += 1
            // Checking the clock costs a syscall-free read, but not for free: look every 64 events.
            if applied & 63 == 0 && FrameClock.now > deadline { break }
        }
        clock.invalidate()
        return true
    }
}
