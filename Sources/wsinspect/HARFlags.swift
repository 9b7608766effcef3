import ArgumentParser
import Foundation
import Inspector
import Session

/// `--har FILE` and its companions: the session's HAR, collected as traffic arrives and written when the
/// inspector or `--dump` ends. `/export FILE` writes from the log instead (``LogExport``), with the same
/// `--har-secrets` and `--har-frames`.
struct HARFlags: ParsableArguments {
    @Option(
        name: .customLong("har"),
        help: ArgumentHelp(
            "When the session ends (quit, Ctrl-C, or --dump's close), write it to FILE as a HAR that Chrome DevTools "
                + "and mitmproxy read: one entry per connection, its whole messages in _webSocketMessages. "
                + "Credentials in headers and the URL are hidden unless --har-secrets.", valueName: "file"))
    var path: String?

    @Flag(
        name: .customLong("har-secrets"),
        help: ArgumentHelp(
            "Keep credentials (Authorization, Cookie, token-like Sec-WebSocket-Protocol values, URL passwords) in "
                + "--har and /export files."))
    var secrets = false

    @Flag(
        name: .customLong("har-frames"),
        help: ArgumentHelp(
            "Also write control frames (close, ping, pong; data in base64) and _webSocketClose {code, reason, time} "
                + "in --har and /export files."))
    var frames = false

    @Option(
        name: .customLong("har-max-bytes"),
        help: ArgumentHelp(
            "Collect at most this many payload and handshake bytes for the HAR; later messages are left out and the "
                + "file's comment says so.", valueName: "size"))
    var maxBytes = ByteSize(bytes: 64 << 20)

    @Option(
        name: .customLong("har-max-messages"),
        help: ArgumentHelp(
            "Collect at most this many messages for the HAR; later ones are left out and the file's comment says so.",
            valueName: "n"))
    var maxMessages: Int = 1_000_000

    func validate() throws {
        guard maxBytes.bytes >= 1 else { throw ValidationError("--har-max-bytes must be at least 1") }
        guard maxMessages >= 1 else { throw ValidationError("--har-max-messages must be at least 1") }
        if let path, path.isEmpty { throw ValidationError("--har needs a file name, e.g. --har session.har") }
    }

    /// The collector for this session, only with `--har`: collecting copies every message a second time
    /// (measured in Benchmarks/PROFILE.md), so a session that asked for no HAR pays nothing. Reaching a bound adds an error note through `note`. Throws a usage failure when the file could
    /// not be written at the end, so the session does not run for nothing.
    func collector(note: @escaping @Sendable (String) -> Void) throws -> HARCollector? {
        guard let path else { return nil }
        do { try HARFile.checkWritable(path) } catch { throw UsageFailure("--har: \(error)") }
        let limits = HARCollector.Limits(maxMessages: maxMessages, maxBytes: maxBytes.bytes)
        return HARCollector(limits: limits, keepsControlFrames: frames, onFull: note)
    }

    /// How `/export` writes the log: these flags' `--har-secrets` and `--har-frames`.
    var exportSettings: ExportSettings {
        ExportSettings(showsSecrets: secrets, includeControlFrames: frames, creator: ("wsinspect", WSInspectCommand.version))
    }

    /// Writes `collector` to `path`; returns the note to print, or the error.
    func write(_ collector: HARCollector, to path: String) -> (text: String, isError: Bool) {
        do {
            try HARFile.write(
                collector, to: path, showsSecrets: secrets, includeControlFrames: frames,
                creator: ("wsinspect", WSInspectCommand.version))
        } catch {
            return ("\(error)", true)
        }
        let capture = collector.leftOut.map { " (\($0))" } ?? ""
        return ("HAR written to \(path)\(capture)", collector.leftOut != nil)
    }

    /// Writes `--har`'s file as the session ends; says on stderr when it failed or is incomplete.
    func finish(_ collector: HARCollector?) {
        guard let path, let collector else { return }
        let outcome = write(collector, to: path)
        if outcome.isError { ErrorOutput.write(outcome.text) }
    }
}
