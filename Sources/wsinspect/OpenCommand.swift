import ArgumentParser
import Captures
import Foundation
import Inspector
import Session
import Terminal

/// `wsinspect open FILE`: a capture read back, in the inspector (read-only: log, detail view, hex pane, filter) or,
/// with `--dump`, in `--dump`'s line format (messages on stdout, connection notes on stderr), so captures can be
/// grepped and diffed.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Read a capture (HAR from Chrome, mitmproxy, HTTP Toolkit or wsinspect).",
        discussion: """
            Every WebSocket entry of the HAR is read; other entries are skipped and counted. With --dump each message \
            is printed as one escaped line, as wsinspect --dump prints live frames. Exit status 2 for a file that \
            cannot be read, naming the place in it that is wrong.
            """)

    @Argument(help: ArgumentHelp("The capture: a .har file.", valueName: "file"))
    var file: String

    @Flag(help: "Print the capture's messages as lines instead of opening the inspector.")
    var dump = false

    @Option(
        name: .customLong("dump-max-bytes"),
        help: ArgumentHelp(
            "Print at most this many bytes of each payload, then ... and its full length.", valueName: "size"))
    var dumpMaxBytes = ByteSize(bytes: DumpLineFormatter.defaultMaxPayloadBytes)

    @Flag(name: .customLong("dump-full"), help: "Print every payload whole.")
    var dumpFull = false

    @Option(
        help: ArgumentHelp(
            "Colour theme: \(BuiltinThemes.names.joined(separator: ", ")), or a theme file's path.", valueName: "name|path"))
    var theme: String?

    @Flag(
        name: .customLong("no-mouse"),
        help: "Leave the mouse to the terminal (its own selection) instead of clicking rows and scrolling with the wheel.")
    var noMouse = false

    func run() throws {
        let loadedTheme: Theme
        do {
            loadedTheme = try ThemeLocator.load(theme)
        } catch {
            throw UsageFailure("--theme: \(error)")
        }
        let result: HARReader.Result
        do {
            result = try HARReader.read(path: file)
        } catch {
            throw UsageFailure(error.description)
        }
        if dump { printLines(result) } else { try show(result, theme: loadedTheme) }
    }

    /// What the status bar and the dump's first line say: `x.har · 3 connections · 1204 messages`.
    private func summary(_ result: HARReader.Result) -> String {
        let capture = result.capture
        let connections = capture.connections.count == 1 ? "1 connection" : "\(capture.connections.count) connections"
        let skipped = result.skippedEntries > 0 ? " · \(result.skippedEntries) other entries skipped" : ""
        return "\(SafeText.escape(file)) · \(connections) · \(capture.messageCount) messages\(skipped)"
    }

    /// The inspector over the capture's records, with no connection behind it.
    private func show(_ result: HARReader.Result, theme: Theme) throws {
        let queue = try WakeableQueue()
        // Never connected: it only answers the effects a read-only view can ask for (quit).
        let session = InspectorSession(options: SessionOptions(url: "ws://capture.invalid/")) { event in
            queue.push(.session(event))
        }
        var log = LogModel(limits: LogLimits())
        for record in CaptureRecords.records(result.capture) { log.append(record) }
        var state = InspectorState(
            log: log, status: ConnectionStatus(url: summary(result), state: .closed(code: nil, reason: "")),
            compose: ComposeEditor())
        state.captureSummary = summary(result)
        let ui: UILoop
        do {
            ui = try UILoop(theme: theme, session: session, queue: queue, mouse: !noMouse)
        } catch {
            throw RuntimeFailure("\(error)")
        }
        _ = ui.run(state)
    }

    private func printLines(_ result: HARReader.Result) {
        let formatter = DumpLineFormatter(maxPayloadBytes: dumpFull ? nil : dumpMaxBytes.bytes)
        let standardOutput = BufferedOutput(descriptor: STDOUT_FILENO)
        let standardError = BufferedOutput(descriptor: STDERR_FILENO)
        let line = "CAPTURE " + summary(result)
        standardError.writeLine { $0.append(contentsOf: line.utf8) }
        for record in CaptureRecords.records(result.capture) {
            // As in a live --dump: messages on stdout, notes (here: where each connection starts) on stderr.
            let output = if case .note = record.kind { standardError } else { standardOutput }
            output.writeLine { formatter.append(record, to: &$0) }
        }
        standardOutput.flush()
        standardError.flush()
    }
}
