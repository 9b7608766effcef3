import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A test prerequisite is missing or a peer misbehaved; the message says what to do.
struct SetupError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// Finds the programs the tests run. A missing one fails the test with what to install, never skips it.
enum Tools {
    /// The path of `name` on PATH or in the system directories apt installs to.
    static func require(_ name: String, package: String? = nil) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/bin", "/sbin", "/bin"]
        for directory in directories {
            let candidate = directory + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw SetupError(
            message: "\(name) not found: run Scripts/bootstrap.sh (or apt-get install \(package ?? name))")
    }

    /// The test venv's Python, with `websockets` installed by Scripts/bootstrap.sh.
    static func python() throws -> String {
        let venv = ProcessInfo.processInfo.environment["WSINSPECT_VENV"] ?? repositoryRoot.appendingPathComponent(".venv").path
        let python = venv + "/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw SetupError(message: "no Python venv at \(venv): run Scripts/bootstrap.sh to install the test peers")
        }
        return python
    }

    /// A peer script in Tests/ProxyTests/Peers.
    static func peer(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Peers/\(name)").path
    }

    /// Runs `executable` to completion (bounded), failing with its output if it exits non-zero; sleeps between
    /// polls without holding a thread of the cooperative pool.
    static func run(_ executable: String, _ arguments: [String], in directory: URL, limit: TimeInterval = 30) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let log = directory.appendingPathComponent("run-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(limit)
        while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw SetupError(message: "\(executable) \(arguments.joined(separator: " ")) did not finish within \(Int(limit)) s")
        }
        guard process.terminationStatus == 0 else {
            let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw SetupError(message: "\(executable) \(arguments.joined(separator: " ")) failed: \(output)")
        }
    }
}

/// A private temporary directory, removed when the value is released.
final class TemporaryDirectory: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("wsinspect-proxy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        // squid drops to its own user and must write its pid and log files here.
        chmod(url.path, 0o777)
    }

    /// A path inside the directory.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` to `name` and returns the path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let path = self.path(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Kept when WSINSPECT_KEEP_TEMP is set, to read the peers' logs and configurations after a failure.
    deinit {
        if ProcessInfo.processInfo.environment["WSINSPECT_KEEP_TEMP"] == nil { try? FileManager.default.removeItem(at: url) }
    }
}
