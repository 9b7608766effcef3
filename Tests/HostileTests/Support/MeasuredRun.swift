import Foundation
import ProcessTestSupport

/// Runs `wsinspect` under GNU time (`/usr/bin/time -f %M`), so its peak resident set is known exactly (from
/// `wait4`), feeding stdin and collecting output, with a deadline after which it is killed.
final class MeasuredRun {
    let process = Process()
    private let stdinPipe = Pipe()
    private let stdoutPipe = Pipe()
    private let stderrPipe = Pipe()
    private let collected = Output()
    private let timeFile: URL
    private var drains: [PipeDrain] = []

    init(_ arguments: [String]) throws {
        let time = "/usr/bin/time"
        guard FileManager.default.isExecutableFile(atPath: time) else {
            throw E2EError("\(time) not found: the hostile-peer tests measure peak memory with GNU time (apt-get install time)")
        }
        timeFile = FileManager.default.temporaryDirectory.appendingPathComponent("wsinspect-peak-\(UUID().uuidString.prefix(8))")
        process.executableURL = URL(fileURLWithPath: time)
        process.arguments = ["-f", "%M", "-o", timeFile.path, try Binary.wsinspect()] + arguments
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        let collected = self.collected
        try process.run()
        drains = [
            PipeDrain(stdoutPipe.fileHandleForReading) { collected.append(out: $0) },
            PipeDrain(stderrPipe.fileHandleForReading) { collected.append(err: $0) },
        ]
    }

    /// Closes the program's stdin: `--dump` then closes the connection with 1000.
    func closeInput() { try? stdinPipe.fileHandleForWriting.close() }

    /// Stdout so far.
    var stdout: String { String(decoding: collected.out, as: UTF8.self) }
    /// Stderr so far.
    var stderr: String { String(decoding: collected.err, as: UTF8.self) }

    /// Waits until stdout satisfies `predicate`, or fails after `timeout` seconds or when the program exits first.
    func waitForOutput(_ what: String, timeout: Double, _ predicate: (String) -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !predicate(stdout) {
            if Date() > deadline || !process.isRunning {
                if predicate(stdout) { return }
                throw E2EError("no \(what) in stdout within \(timeout) s:\n\(stdout.suffix(2000))\nstderr:\n\(stderr)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits for exit (killing the program after `timeout` seconds: a hang) and returns its status and peak
    /// resident set in KiB.
    func waitForExit(timeout: Double) async throws -> (status: Int32, peakKiB: Int) {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                throw E2EError("wsinspect did not end by itself within \(timeout) s; stdout:\n\(stdout.suffix(2000))\nstderr:\n\(stderr)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        let drained = Date().addingTimeInterval(5)
        while drains.contains(where: { !$0.isFinished }) {
            if Date() > drained { throw E2EError("wsinspect exited but its output pipes did not end within 5 s") }
            try await Task.sleep(for: .milliseconds(10))
        }
        defer { try? FileManager.default.removeItem(at: timeFile) }
        let report = (try? String(contentsOf: timeFile, encoding: .utf8)) ?? ""
        // GNU time writes "Command exited with non-zero status N" before the figure when the status is not 0.
        guard let peak = report.split(whereSeparator: \.isNewline).last.flatMap({ Int($0) }) else {
            throw E2EError("no peak memory from /usr/bin/time: \(report)")
        }
        // Under time, the status is the program's own (GNU time passes it on).
        return (process.terminationStatus, peak)
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}

/// Output gathered from the drain threads. `@unchecked Sendable`: both buffers are only touched under `lock`.
private final class Output: @unchecked Sendable {
    private let lock = NSLock()
    private var outData = Data()
    private var errData = Data()

    func append(out data: Data) { lock.withLock { outData.append(data) } }
    func append(err data: Data) { lock.withLock { errData.append(data) } }
    var out: Data { lock.withLock { outData } }
    var err: Data { lock.withLock { errData } }
}
