import ArgumentParser
import Captures
import Foundation
import Inspector

/// `wsinspect open FILE`: a capture read back. With `--dump` its messages are printed in `--dump`'s line format
/// (messages on stdout, connection notes on stderr), so captures can be grepped and diffed.
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

    @Option(name: .customLong("dump-max-bytes"), help: ArgumentHelp(
        "Print at most this many bytes of each payload, then … and its full length.", valueName: "size"))
    var dumpMaxBytes = ByteSize(bytes: DumpLineFormatter.defaultMaxPayloadBytes)

    @Flag(name: .customLong("dump-full"), help: "Print every payload whole.")
    var dumpFull = false

    func run() throws {
        guard dump else {
            throw UsageFailure("open: the capture view in the inspector is not built yet; add --dump to print \(file)")
        }
        let result: HARReader.Result
        do {
            result = try HARReader.read(path: file)
        } catch {
            throw UsageFailure(error.description)
        }
        let capture = result.capture
        let formatter = DumpLineFormatter(maxPayloadBytes: dumpFull ? nil : dumpMaxBytes.bytes)
        let standardOutput = BufferedOutput(descriptor: STDOUT_FILENO)
        let standardError = BufferedOutput(descriptor: STDERR_FILENO)
        let skipped = result.skippedEntries > 0 ? " · \(result.skippedEntries) other entries skipped" : ""
        let connections = capture.connections.count == 1 ? "1 connection" : "\(capture.connections.count) connections"
        let summary = "CAPTURE \(SafeText.escape(file)) · \(connections) · \(capture.messageCount) messages\(skipped)"
        standardError.writeLine { $0.append(contentsOf: summary.utf8) }
        for record in CaptureRecords.records(capture) {
            // As in a live --dump: messages on stdout, notes (here: where each connection starts) on stderr.
            let output = if case .note = record.kind { standardError } else { standardOutput }
            output.writeLine { formatter.append(record, to: &$0) }
        }
        standardOutput.flush()
        standardError.flush()
    }
}
