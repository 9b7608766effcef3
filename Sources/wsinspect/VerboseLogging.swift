import Foundation
import Logging

/// `--verbose`: the library's swift-log lines (connection life-cycle, TLS and proxy hops), shown where they
/// cannot disturb the screen: on stderr with `--dump`, as NOTE rows in the inspector's log otherwise (stderr is
/// the terminal ncurses draws on). Every line is redacted and escaped like an error message.
enum VerboseLogging {
    /// Routes every logger to `write`, at `trace`. swift-log allows one bootstrap per process; `run()` calls this
    /// once, before the connection starts.
    static func bootstrap(_ write: @escaping @Sendable (String) -> Void) {
        LoggingSystem.bootstrap { label in LineLogHandler(label: label, write: write) }
    }

    /// Writes each line to stderr as `wsinspect: websockets: debug: …`.
    static let toStandardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data("wsinspect: \(ErrorOutput.printable(line))\n".utf8))
    }
}

/// A swift-log handler that hands `label: level: message` lines to a closure.
private struct LineLogHandler: LogHandler {
    let label: String
    let write: @Sendable (String) -> Void
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        write("\(label): \(event.level): \(event.message)")
    }
}
