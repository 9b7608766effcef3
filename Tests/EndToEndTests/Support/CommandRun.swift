import Foundation
import ProcessTestSupport

/// Runs `wsinspect` without a terminal (for `--dump` and bad flags), feeding stdin and collecting output, with a
/// deadline after which it is killed.
final class CommandRun {
    let process = Process()
    private let stdinPipe = Pipe()
    private let stdoutPipe = Pipe()
    private let stderrPipe = Pipe()
    private let collected = Collected()
    private var stdoutDrain: PipeDrain?
    private var stderrDrain: PipeDrain?

    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: try Binary.wsinspect())
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        // The developer's own config file (defaults, profiles) must not change what a test sees.
        env["XDG_CONFIG_HOME"] = "/nonexistent"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        let collected = self.collected
        try process.run()
        stdoutDrain = PipeDrain(stdoutPipe.fileHandleForReading) { collected.append(out: $0) }
        stderrDrain = PipeDrain(stderrPipe.fileHandleForReading) { collected.append(err: $0) }
    }

    /// Writes to the program's stdin.
    func write(_ text: String) { stdinPipe.fileHandleForWriting.write(Data(text.utf8)) }

    /// Closes the program's stdin (end of input).
    func closeInput() { try? stdinPipe.fileHandleForWriting.close() }

    /// Stops reading the program's stdout and closes it, as `| head` does once it has enough.
    func closeOutput() { stdoutDrain?.stop() }

    /// Stdout so far, as bytes.
    var stdoutBytes: Data { collected.out }
    /// Stdout so far.
    var stdout: String { String(decoding: collected.out, as: UTF8.self) }
    /// Stderr so far.
    var stderr: String { String(decoding: collected.err, as: UTF8.self) }

    /// Waits until stdout satisfies `predicate`. Between polls it sleeps without holding a thread of the
    /// cooperative pool, which every other test shares.
    func waitForOutput(_ what: String, timeout: Double = 10, _ predicate: (String) -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !predicate(stdout) {
            if Date() > deadline || !process.isRunning && !predicate(stdout) {
                if predicate(stdout) { return }
                throw E2EError("no \(what) in stdout:\n\(stdout)\nstderr:\n\(stderr)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits for exit and returns the status; kills the program after `timeout` seconds.
    func waitForExit(timeout: Double = 10) async throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                throw E2EError("wsinspect did not exit within \(timeout) s; stdout:\n\(stdout)\nstderr:\n\(stderr)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        // The program has exited, so its pipes end once the drains have read what it left in them.
        let drained = Date().addingTimeInterval(5)
        while !(stdoutDrain?.isFinished ?? true) || !(stderrDrain?.isFinished ?? true) {
            if Date() > drained { throw E2EError("wsinspect exited but its output pipes did not end within 5 s") }
            try await Task.sleep(for: .milliseconds(10))
        }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}

/// Output gathered from the drain threads. `@unchecked Sendable`: both buffers are only touched under `lock`.
private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var outData = Data()
    private var errData = Data()

    func append(out data: Data) {
        lock.lock()
        outData.append(data)
        lock.unlock()
    }
    func append(err data: Data) {
        lock.lock()
        errData.append(data)
        lock.unlock()
    }
    var out: Data {
        lock.lock()
        defer { lock.unlock() }
        return outData
    }
    var err: Data {
        lock.lock()
        defer { lock.unlock() }
        return errData
    }
}
