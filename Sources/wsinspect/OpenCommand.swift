import ArgumentParser
import Captures
import Foundation
import Inspector
import Session
import Terminal

/// `wsinspect open FILE`: a capture read back, in the inspector (read-only: log, detail view, hex pane, filter) or,
/// with `--dump`, in `--dump`'s line format (frames on stdout, the upgrade and notes on stderr), so captures can be
/// grepped and diffed; with `--export`, written again as HAR or JSON Lines.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Read a capture: a HAR (Chrome, mitmproxy, HTTP Toolkit, wsinspect) or a --record JSON Lines file.",
        discussion: """
            Every WebSocket entry of a HAR is read; other entries are skipped and counted. A .jsonl file (from \
            --record or /export) is read record by record, frame details, handshakes and notes included. With \
            --dump each record is printed as one escaped line, as wsinspect --dump prints live frames. With --export \
            the capture is written to another file, as HAR or as JSON Lines (.jsonl) by its name, nothing hidden or \
            added; a HAR cannot hold masks, fragments, RSV bits, exact wire bytes or notes, JSON Lines holds them all. \
            In the inspector, r replays the selected row's connection to a URL it asks for, live in the same \
            terminal, as wsinspect replay does. Exit status 2 for a file that cannot be read, naming the place in it that is wrong (a JSON path, or the \
            line of a JSON Lines file).
            """)

    @Argument(help: ArgumentHelp("The capture: a .har or .jsonl file.", valueName: "file"))
    var file: String

    @Flag(help: "Print the capture's records as lines instead of opening the inspector.")
    var dump = false

    @Option(
        name: .customLong("export"),
        help: ArgumentHelp(
            "Write the capture to this file (HAR, or JSON Lines for a .jsonl name) and exit; with --dump, print it too.",
            valueName: "file"))
    var exportPath: String?

    @Flag(
        name: .customLong("har-frames"),
        help: ArgumentHelp("With --export to a HAR: also write control frames and _webSocketClose."))
    var harFrames = false

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

    func validate() throws {
        if let exportPath, exportPath.isEmpty { throw ValidationError("--export needs a file name, e.g. --export session.har") }
    }

    func run() throws {
        let loadedTheme: Theme
        do {
            loadedTheme = try ThemeLocator.load(theme)
        } catch {
            throw UsageFailure("--theme: \(error)")
        }
        let capture: CaptureFile
        do {
            capture = try CaptureFile.read(file)
        } catch {
            throw UsageFailure(error.description)
        }
        if dump { printLines(capture) }
        if let exportPath {
            let outcome = capture.export(to: exportPath, includeControlFrames: harFrames)
            if outcome.isError { throw RuntimeFailure(outcome.text) }
            ErrorOutput.write(outcome.text)
            return
        }
        if !dump { try show(capture, theme: loadedTheme) }
    }

    /// The inspector over the capture's records, with no connection behind it. The log holds every record: the
    /// file is in memory already, so the live session's bounds would only hide part of it.
    private func show(_ capture: CaptureFile, theme: Theme) throws {
        let queue = try WakeableQueue()
        // Never connected: it only answers the effects a read-only view can ask for (quit).
        let session = InspectorSession(options: SessionOptions(url: "ws://capture.invalid/")) { event in
            queue.push(.session(event))
        }
        let summary = capture.summary
        var log = LogModel(
            limits: LogLimits(capacity: max(LogLimits.defaultCapacity, capture.recordCount), memoryBudget: .max))
        var starts: [UInt64] = []
        capture.forEachRecord { record in
            if case .handshakeRequest = record.kind { starts.append(record.id) }
            log.append(record)
        }
        var state = InspectorState(
            log: log, status: ConnectionStatus(url: summary, state: .closed(code: nil, reason: "")),
            compose: ComposeEditor())
        state.captureSummary = summary
        state.captureConnections = zip(starts, capture.capture.connections).map {
            CaptureConnection(firstRecordID: $0, url: $1.url)
        }
        // `r` ends the view with a replay request: the replay runs live in the same terminal, and a replay that
        // cannot start comes back here with its reason.
        while true {
            let ui: UILoop
            do {
                ui = try UILoop(theme: theme, session: session, queue: queue, mouse: !noMouse)
            } catch {
                throw RuntimeFailure("\(error)")
            }
            let final = ui.run(state)
            guard let request = final.replayRequest else { return }
            state = final
            state.clearReplayRequest()
            do {
                try CaptureReplay(capture: capture, file: file, request: request).run(theme: theme, mouse: !noMouse)
                return
            } catch {
                _ = state.log.note("replay: \(error)", isError: true)
            }
        }
    }

    private func printLines(_ capture: CaptureFile) {
        let formatter = DumpLineFormatter(maxPayloadBytes: dumpFull ? nil : dumpMaxBytes.bytes)
        let standardOutput = BufferedOutput(descriptor: STDOUT_FILENO)
        let standardError = BufferedOutput(descriptor: STDERR_FILENO)
        let line = "CAPTURE " + capture.summary
        standardError.writeLine { $0.append(contentsOf: line.utf8) }
        capture.forEachRecord { record in
            // As in a live --dump: frames on stdout, the upgrade's lines and notes on stderr.
            let output = if case .frame = record.kind { standardOutput } else { standardError }
            output.writeLine { formatter.append(record, to: &$0) }
        }
        standardOutput.flush()
        standardError.flush()
    }
}
