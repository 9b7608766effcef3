import ArgumentParser
import CommandLineConfig
import Foundation
import Inspector
import Session
import Terminal
import WebSocketServer
import WebSockets

/// `wsinspect [URL]`: the terminal inspector, or with `--dump` a plain line-per-frame dump.
struct WSInspectCommand: ParsableCommand {
    /// The release this source tree is; `--version` adds the git commit the binary was built from.
    static let version = "0.1.0"

    /// What `--version` prints: `wsinspect 0.1.0 (commit 1c99833a1b2c)`, `-dirty` when built from modified
    /// sources, `(unknown commit)` when not built from a git checkout. `buildCommit` is generated at build time
    /// by Plugins/BuildCommit.
    static var versionLine: String {
        "wsinspect \(version) (\(buildCommit.isEmpty ? "unknown commit" : "commit \(buildCommit)"))"
    }

    static let configuration = CommandConfiguration(
        commandName: "wsinspect",
        abstract: "Inspect a WebSocket connection: message log, exact frame bytes, compose box.",
        usage: """
            wsinspect [<options>] [<url>]
            wsinspect @NAME [<options>]
            wsinspect <subcommand> [<options>]
            """,
        discussion: """
            Without a URL, an echo server starts on 127.0.0.1 and the inspector connects to its /echo.
            With --dump, each frame is printed as one escaped line, each stdin line is sent as a text message, and \
            when stdin ends the connection closes with 1000.
            Exit status: \(ExitStatus.summary)
            `wsinspect serve [--port N] [--host ADDR]` runs the echo/test server on its own (see wsinspect serve --help).
            `wsinspect relay --listen 127.0.0.1:9000 --upstream URL [--dump]` sits between a client and its server \
            and prints what passes (see wsinspect relay --help).
            `wsinspect @NAME` opens the profile NAME from $XDG_CONFIG_HOME/wsinspect/config.toml, whose [defaults] \
            table also sets any flag; flags typed on the command line win. `wsinspect profiles` lists the profiles, and \
            `wsinspect from-curl 'curl ...'` turns a browser's Copy as cURL into one.
            `wsinspect open FILE [--dump | --export OUT]` reads a capture: a HAR (Chrome, mitmproxy, HTTP Toolkit, \
            wsinspect) or a --record JSON Lines file (.jsonl); `wsinspect replay FILE --to URL [--speed N | --no-wait]` \
            sends its sent messages to a live server with the original gaps.
            In the inspector, /export FILE writes what the log holds now as a HAR (JSON Lines for a .jsonl name), \
            /export --filtered FILE only the rows the filter shows; --har-secrets and --har-frames apply, --har is not \
            needed.
            Press h or F1 in the inspector for every key binding.
            """,
        version: versionLine,
        // Dispatched by hand in main.swift; declared so the help, the man page and the completions list them.
        subcommands: [
            ServeCommand.self, RelayCommand.self, OpenCommand.self, ReplayCommand.self, ProfilesCommand.self, FromCurlCommand.self,
        ])

    @Argument(
        help: ArgumentHelp(
            "ws://, wss://, http:// or https:// URL (default: the embedded echo server).",
            valueName: "url"))
    var url: String?

    @OptionGroup(title: "Connection")
    var connection: ConnectionFlags

    @Option(
        help: ArgumentHelp(
            "Open the request a browser copied with Copy as cURL (the WebSocket's upgrade request, Chrome or Firefox): "
                + "its URL, headers and cookies; the handshake headers are made anew.", valueName: "curl command"))
    var curl: String?

    @OptionGroup(title: "Reconnect")
    var reconnect: ReconnectFlags
    @OptionGroup(title: "HAR capture")
    var har: HARFlags

    @Option(
        name: .customLong("log-capacity"),
        help: ArgumentHelp(
            "Keep at most this many records; older ones are dropped and counted.", valueName: "n"))
    var logCapacity: Int = LogModel.defaultCapacity

    @Option(
        name: .customLong("log-memory"),
        help: ArgumentHelp(
            "Keep at most this many payload bytes in the log (e.g. 64M, 1G); past it the oldest records are dropped.",
            valueName: "size"))
    var logMemory = ByteSize(bytes: LogLimits.defaultMemoryBudget)

    @Option(
        name: .customLong("max-record-bytes"),
        help: ArgumentHelp(
            "Keep at most this many bytes of each payload; a longer one keeps its start, its length and its hash.",
            valueName: "size"))
    var maxRecordBytes = ByteSize(bytes: LogLimits.defaultMaxRecordBytes)

    @Option(
        name: .customLong("max-message-size"),
        help: ArgumentHelp(
            "Accept messages up to this size, all fragments inflated (e.g. 16M, 1G); a larger one closes with 1009.",
            valueName: "size"))
    var maxMessageSize = ByteSize(bytes: Int(ConnectionLimits().maxPayloadSize))

    @Option(
        name: .customLong("dump-max-bytes"),
        help: ArgumentHelp(
            "With --dump, print at most this many bytes of each payload, then ... and its full length.", valueName: "size"))
    var dumpMaxBytes = ByteSize(bytes: DumpLineFormatter.defaultMaxPayloadBytes)

    @Flag(name: .customLong("dump-full"), help: "With --dump, print every payload whole.")
    var dumpFull = false

    @Option(
        help: ArgumentHelp(
            "Colour theme: \(BuiltinThemes.names.joined(separator: ", ")), or a theme file's path.",
            valueName: "name|path"),
        completion: .list(BuiltinThemes.names))
    var theme: String?

    @Option(
        help: ArgumentHelp(
            "Append every record to FILE as JSON Lines, flushed as it happens (a new file is created 0600; "
                + "credentials are always hidden).", valueName: "file"))
    var record: String?

    @Flag(
        name: .customLong("show-secrets"),
        help: ArgumentHelp(
            "Show credentials (Authorization, cookies, proxy and URL passwords) on screen and in --dump; "
                + "--record hides them anyway."))
    var showSecrets = false

    @Flag(help: "Print frames as lines instead of opening the inspector; stdin lines are sent as text.")
    var dump = false

    @Flag(
        help: ArgumentHelp(
            "Log the connection's life-cycle (connecting, TLS, proxy hops, handshake, close): on stderr with --dump, "
                + "as NOTE rows in the inspector."))
    var verbose = false

    @Flag(help: "Start with the compose box focused instead of the log (Tab, i or a switch later).")
    var compose = false

    @Flag(
        name: .customLong("no-mouse"),
        help: "Leave the mouse to the terminal (its own selection) instead of clicking rows and scrolling with the wheel.")
    var noMouse = false

    /// Prints the key table's help text (the help overlay's content) for the README; not a user-facing flag.
    @Flag(name: .customLong("key-bindings"), help: .hidden)
    var printKeyBindings = false

    /// Prints the man page's KEY BINDINGS and EXIT STATUS sections as mdoc, for Scripts/install.sh to splice into
    /// the page generate-manual writes; not a user-facing flag.
    @Flag(name: .customLong("manual-sections"), help: .hidden)
    var printManualSections = false

    func validate() throws {
        guard logCapacity >= 1 && logCapacity <= 100_000_000 else {
            throw ValidationError("--log-capacity must be between 1 and 100000000")
        }
        guard logMemory.bytes >= 1 << 16 else { throw ValidationError("--log-memory must be at least 64K") }
        guard maxRecordBytes.bytes >= 1 else { throw ValidationError("--max-record-bytes must be at least 1") }
        guard maxRecordBytes.bytes <= logMemory.bytes || PairedFlagChecks.deferred else {
            throw ValidationError("--max-record-bytes must not be larger than --log-memory")
        }
        guard maxMessageSize.bytes >= 1 else { throw ValidationError("--max-message-size must be at least 1") }
        guard dumpMaxBytes.bytes >= 1 else { throw ValidationError("--dump-max-bytes must be at least 1") }
        if let url, url.isEmpty { throw ValidationError("the URL is empty") }
        if let curl {
            if url != nil { throw ValidationError("--curl brings its own URL; leave out the other one") }
            do {
                _ = try CurlCommand(parsing: curl)
            } catch {
                throw ValidationError("--curl: \(error.description)")
            }
        }
    }

    func run() throws {
        if printKeyBindings {
            for line in HelpText.lines(for: .standard) { print(line.text) }
            return
        }
        if printManualSections {
            for line in ManualSections.mdoc() { print(line) }
            return
        }
        // Everything that can be wrong with the flags is found before the terminal is taken over.
        let loadedTheme: Theme
        do {
            loadedTheme = try ThemeLocator.load(theme)
        } catch {
            throw UsageFailure("--theme: \(error)")
        }
        let recorder: RecordWriter?
        do {
            recorder = try record.map { try RecordWriter(path: $0) }
        } catch {
            throw UsageFailure("\(error)")
        }

        var connection = self.connection
        var url = self.url
        if let curl, let request = try? CurlCommand(parsing: curl) {
            url = request.url
            connection.adopt(request)
        }
        var server: TestServer?
        let target: String
        if let url {
            target = url
        } else {
            do {
                let started = try blockingAwait { try await TestServer.start(host: "127.0.0.1", port: 0) }
                server = started
                target = started.url + "/echo"
            } catch {
                throw RuntimeFailure("cannot start the embedded echo server: \(error)")
            }
        }
        defer {
            if let server { try? blockingAwait { try await server.stop() } }
        }

        let queue = try WakeableQueue()
        if verbose {
            // In the inspector stderr is the screen, so the lines become NOTE rows in the log.
            let toLog: @Sendable (String) -> Void = { line in
                queue.push(TerminalEvent.session(SessionEvent.note(line, isError: false)))
            }
            VerboseLogging.bootstrap(dump ? VerboseLogging.toStandardError : toLog)
        }
        var sessionOptions = connection.options(url: target)
        sessionOptions.maxMessageSize = UInt64(maxMessageSize.bytes)
        try reconnect.apply(to: &sessionOptions)
        // The embedded server is on loopback: never send it through a proxy from the environment.
        if server != nil { sessionOptions.noProxy = true }
        let limits = LogLimits(capacity: logCapacity, memoryBudget: logMemory.bytes, maxRecordBytes: maxRecordBytes.bytes)
        // The inspector cuts large payloads on the connection's thread, before they wait for the UI; --dump prints
        // from there too, with its own limit, and keeps no log.
        if !dump { sessionOptions.maxRecordBytes = limits.maxRecordBytes }
        let session = InspectorSession(options: sessionOptions, recorder: recorder) {
            (event: consuming SessionEvent) in queue.push(event)
        }
        let harCollector = try har.collector { text in
            queue.push(.session(.note(text, isError: true)))
        }
        if let harCollector { session.wireConsumers.append(harCollector) }
        session.exportSettings = har.exportSettings
        // Past this many undrawn records the connection pauses until the UI thread catches up: a flood then waits
        // in TCP, and memory stays bounded by the log capacity rather than by the server's speed.
        let flow = session.flow
        queue.setHighWaterMark(20_000, onHigh: { flow.pause() }, onDrained: { flow.resume() })
        var state = InspectorState(
            log: LogModel(limits: limits), status: ConnectionStatus(url: target),
            compose: ComposeEditor(history: HistoryStore.load()), focus: compose ? .compose : .log)
        state.log.keepsRecords = !dump
        state.showsSecrets = showSecrets
        let dumpRunner =
            dump
            ? DumpRunner(
                session: session, queue: queue, recording: recorder != nil,
                maxPayloadBytes: dumpFull ? nil : dumpMaxBytes.bytes, showsSecrets: showSecrets)
            : nil
        do {
            try session.connect(state: &state)
        } catch {
            let hint = URLSuggestion.forMissingScheme(target).map { " (did you mean \(SafeText.escape($0))?)" } ?? ""
            throw UsageFailure("\(Redaction.url(target)): \(error.message)\(hint)")
        }

        if let dumpRunner {
            // Ctrl-C ends --dump like a closed stdin would, so the HAR is written; without --har it kills as before.
            let signals = har.path != nil ? TerminationSignals(queue: queue) : nil
            let status = dumpRunner.run(state)
            signals?.cancel()
            har.finish(harCollector)
            if status != ExitStatus.success { throw ExitCode(status.rawValue) }
            return
        }
        let ui: UILoop
        do {
            ui = try UILoop(theme: loadedTheme, session: session, queue: queue, mouse: !noMouse)
        } catch {
            session.finish()
            throw RuntimeFailure("\(error)")
        }
        let started = Date()
        let final = ui.run(state)
        let seconds = Date().timeIntervalSince(started)
        session.finish()
        har.finish(harCollector)
        FrameStats.report(framesDrawn: ui.framesDrawn, seconds: seconds)
        HistoryStore.save(final.compose.history)
    }
}
