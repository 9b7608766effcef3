import Dispatch
import Foundation

/// Turns SIGINT, SIGTERM and SIGHUP into a ``TerminalEvent/terminate(signal:)`` on the UI queue, so the UI thread
/// itself ends ncurses (endwin is not async-signal-safe, so it must not run in a signal handler).
///
/// In raw mode Ctrl-C arrives as a key, not SIGINT; these cover `kill`, a closed terminal window, and a parent
/// process shutting the inspector down.
package final class TerminationSignals {
    static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    private var sources: [any DispatchSourceSignal] = []

    /// Starts watching; the default actions are ignored while watching so the process is not killed first.
    package init(queue: WakeableQueue) {
        for number in Self.handled {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { queue.push(.terminate(signal: number)) }
            source.resume()
            sources.append(source)
        }
    }

    /// Stops watching and restores the default actions.
    package func cancel() {
        for source in sources { source.cancel() }
        sources = []
        for number in Self.handled { signal(number, SIG_DFL) }
    }

    deinit { cancel() }
}
