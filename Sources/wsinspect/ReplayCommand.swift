import ArgumentParser
import Captures
import Foundation
import Inspector
import Session
import Terminal
import WebSockets

/// `wsinspect replay FILE --to URL`: sends one connection's sent messages from a capture to a live server, in
/// order and with the original gaps (mitmproxy #5248's ask), printing every frame as `--dump` does.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Send a capture's sent messages to a live server, with the original gaps.",
        discussion: """
            Reads a HAR or a JSON Lines record (as wsinspect open does), connects to --to, sends the chosen connection's sent text and \
            binary messages in order, each after the gap it had in the capture (divided by --speed; none with \
            --no-wait), then closes with 1000. Every frame is printed as one line, as with --dump. Exit status as \
            for --dump; 2 for a capture that cannot be read.
            """)

    @Argument(help: ArgumentHelp("The capture: a .har or .jsonl file.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("The server to replay to: ws://, wss://, http:// or https:// URL.", valueName: "url"))
    var to: String

    @Option(help: ArgumentHelp("Which of the capture's connections to replay, from 1.", valueName: "n"))
    var connection: Int = 1

    @Option(help: ArgumentHelp("Play the gaps this many times faster (0.5 is half speed).", valueName: "factor"))
    var speed: Double = 1

    @Flag(name: .customLong("no-wait"), help: "Send every message at once, without the original gaps.")
    var noWait = false

    @Flag(help: "Send each message (and the close) only once the server has sent a message after the previous one.")
    var lockstep = false

    @OptionGroup(title: "Connection")
    var connectionFlags: ConnectionFlags

    @Option(
        name: .customLong("dump-max-bytes"),
        help: ArgumentHelp(
            "Print at most this many bytes of each payload, then ... and its full length.", valueName: "size"))
    var dumpMaxBytes = ByteSize(bytes: DumpLineFormatter.defaultMaxPayloadBytes)

    func validate() throws {
        guard speed > 0 && speed.isFinite else { throw ValidationError("--speed must be a number above 0, e.g. 2 or 0.5") }
        guard !(lockstep && noWait) else { throw ValidationError("--lockstep and --no-wait cannot be used together") }
        guard connection >= 1 else { throw ValidationError("--connection counts from 1") }
        guard !to.isEmpty else { throw ValidationError("--to needs a URL, e.g. --to ws://127.0.0.1:8765/echo") }
    }

    func run() throws {
        let plan: ReplayPlan
        do {
            plan = try ReplayPlan(CaptureFile.read(file).capture, connection: connection, speed: noWait ? nil : speed)
        } catch let error as CaptureError {
            throw UsageFailure(error.description)
        } catch {
            throw UsageFailure("\(file): \(error)")
        }
        let queue = try WakeableQueue()
        let session = InspectorSession(options: connectionFlags.options(url: to)) { event in queue.push(.session(event)) }
        var state = InspectorState(log: LogModel(limits: LogLimits()), status: ConnectionStatus(url: to), compose: ComposeEditor())
        state.log.keepsRecords = false
        let dump = DumpRunner(
            session: session, queue: queue, recording: false, maxPayloadBytes: dumpMaxBytes.bytes,
            showsSecrets: false)
        session.note("replaying \(plan.steps.count) sent messages of connection \(connection) from \(file)", in: &state)
        // Consumers are set before connecting: a connection keeps the ones it started with.
        var runner = ReplayRunner(dump: dump, plan: plan)
        if lockstep {
            let counter = ReceivedMessageCounter(queue: queue)
            session.wireConsumers.append(counter)
            runner.lockstep = counter
        }
        do {
            try session.connect(state: &state)
        } catch {
            throw UsageFailure("\(Redaction.url(to)): \(error.message)")
        }
        let status = runner.run(state)
        if status != ExitStatus.success { throw ExitCode(status.rawValue) }
    }
}
