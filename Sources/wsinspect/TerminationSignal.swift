import Dispatch
import Foundation

/// The signals that stop a long-running subcommand (`serve`, `relay`).
enum TerminationSignal {
    /// Blocks until SIGINT, SIGTERM or SIGHUP arrives; the signals' default actions are off meanwhile, so the
    /// caller can shut down in order instead of being killed.
    static func wait() {
        let stop = DispatchSemaphore(value: 0)
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop.signal() }
            source.resume()
            sources.append(source)
        }
        stop.wait()
        for source in sources { source.cancel() }
    }
}
