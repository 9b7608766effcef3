import ArgumentParser
import Foundation
import Session

/// `--reconnect`, its limits and `--on-open`: what keeps a session going across drops. Kept apart from the
/// connection flags so each group reads (and merges) on its own.
struct ReconnectFlags: ParsableArguments {
    @Flag(help: "Reconnect by itself after any close you did not ask for (/close and q never reconnect).")
    var reconnect = false

    @Option(
        name: .customLong("reconnect-max-delay"),
        help: ArgumentHelp(
            "The longest wait between reconnect attempts, in seconds (default 30; waits start at 0.25 s and double).",
            valueName: "seconds"))
    var reconnectMaxDelay: Double?

    @Option(
        name: .customLong("reconnect-attempts"),
        help: ArgumentHelp(
            "Give up after this many failed attempts in a row (default: never).", valueName: "n"))
    var reconnectAttempts: Int?

    @Option(
        name: .customLong("on-open"),
        help: ArgumentHelp(
            "After every successful connect, send this file's messages in order: one per line, or /hex ..., /base64 ..., "
                + "/ping [text], /sleep 200ms, /wait <regex> (up to 10 s), //text for a line starting with /.",
            valueName: "file"))
    var onOpen: String?

    func validate() throws {
        if let reconnectMaxDelay, !(reconnectMaxDelay >= 0.25 && reconnectMaxDelay <= 86_400) {
            throw ValidationError("--reconnect-max-delay must be between 0.25 and 86400 seconds")
        }
        if let reconnectAttempts, reconnectAttempts < 1 {
            throw ValidationError("--reconnect-attempts must be at least 1")
        }
        if !reconnect && (reconnectMaxDelay != nil || reconnectAttempts != nil) {
            throw ValidationError("--reconnect-max-delay and --reconnect-attempts need --reconnect")
        }
    }

    /// Puts the flags into `options`; a script that cannot be read or parsed is a usage error naming its line,
    /// found before anything connects.
    func apply(to options: inout SessionOptions) throws {
        if reconnect {
            var backoff = ReconnectBackoff(maxAttempts: reconnectAttempts)
            if let reconnectMaxDelay {
                backoff = ReconnectBackoff(
                    maxDelay: .milliseconds(Int64(reconnectMaxDelay * 1000)),
                    maxAttempts: reconnectAttempts)
            }
            options.reconnect = backoff
        }
        if let onOpen {
            do {
                // `~/` as a shell would expand it: a config file's `on_open` reaches here unexpanded.
                options.onOpen = try OnOpenScript(contentsOf: (onOpen as NSString).expandingTildeInPath)
            } catch {
                throw UsageFailure("\(error)")
            }
        }
    }
}
