import Foundation

/// Runs `wsinspect` without a terminal (for `--dump` and bad flags), feeding stdin and collecting output, with a
/// deadline after which it is killed.
final class CommandRun {
    let process = Process()
    private let stdinPipe = Pipe()
    private let stdoutPipe = Pipe()
    private let stderrPipe = Pipe()
    private let collected = Collected()

    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: try Binary.wsinspect())
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        let collected = self.collected
        stdoutPipe.fileHandleForReading.readabilityHandler = { handle in collected.append(out: handle.availableData) }
        stderrPipe.fileHandleForReading.readabilityHandler = { handle in collected.append(err: handle.availableData) }
        try process.run()
    }

    /// Writes to the program's stdin.
    func write(_ text: String) { stdinPipe.fileHandleForWriting.write(Data(text.utf8)) }

    /// Closes the program's stdin (end of input).
    func closeInput() { try? stdinPipe.fileHandleForWriting.close() }

    /// Stops reading the program's stdout and closes it, as `| head` does once it has enough.
    func closeOutput() {
        stdoutPipe.fileHandleForReading.readabilityHandler = nil
        try? stdoutPipe.fileHandleForReading.close()
        outputClosed = true
    }

    private var outputClosed = false

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
        // Let the readability handlers catch the last bytes.
        try await Task.sleep(for: .milliseconds(100))
        stdoutPipe.fileHandleForReading.readabilityHandler = nil
        stderrPipe.fileHandleForReading.readabilityHandler = nil
        if !outputClosed { collected.append(out: stdoutPipe.fileHandleForReading.readDataToEndOfFile()) }
        collected.append(err: stderrPipe.fileHandleForReading.readDataToEndOfFile())
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}

/// Output gathered from handler threads. `@unchecked Sendable`: both buffers are only touched under `lock`.
private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var outData = Data()
    private var errData = Data()

    func append(out data: Data) { lock.lock(); outData.append(data); lock.unlock() }
    func append(err data: Data) { lock.lock(); errData.append(data); lock.unlock() }
    var out: Data { lock.lock(); defer { lock.unlock() }; return outData }
    var err: Data { lock.lock(); defer { lock.unlock() }; return errData }
}
