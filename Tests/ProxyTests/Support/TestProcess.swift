import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A peer process (proxy, TLS server) started by a test, with its output in a log file; `stop()` (or release)
/// ends it: SIGTERM, then SIGKILL after two seconds.
final class TestProcess: @unchecked Sendable {
    // @unchecked: `process` is only started in init and then read; Foundation's Process is thread-safe for
    // isRunning/processIdentifier, and stop() is idempotent under `lock`.
    let name: String
    let logPath: String
    private let process: Process
    private let lock = NSLock()
    private var stopped = false

    /// Starts `executable` with `arguments`, its stdout and stderr going to `directory/name.log`.
    init(_ name: String, executable: String, arguments: [String], directory: TemporaryDirectory) throws {
        self.name = name
        self.logPath = directory.path("\(name).log")
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory.url
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? handle.close()
    }

    /// The last lines of the log, for failure messages.
    var logTail: String {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(15).joined(separator: "\n")
    }

    /// Waits until something accepts TCP connections on 127.0.0.1:`port`; fails with the log if the process
    /// exits first or `limit` passes. Between polls it sleeps without holding a thread of the cooperative pool,
    /// which every test in the process shares.
    func waitForPort(_ port: Int, limit: TimeInterval = 15) async throws {
        let deadline = Date().addingTimeInterval(limit)
        while Date() < deadline {
            if Ports.accepts(port) { return }
            guard process.isRunning else {
                throw SetupError(message: "\(name) exited (status \(process.terminationStatus)) before listening on \(port):\n\(logTail)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw SetupError(message: "\(name) did not listen on 127.0.0.1:\(port) within \(Int(limit)) s:\n\(logTail)")
    }

    /// Waits until `path` exists and holds a port number (peers that pick their own port write it there); sleeps
    /// between polls as `waitForPort` does.
    func waitForPortFile(_ path: String, limit: TimeInterval = 15) async throws -> Int {
        let deadline = Date().addingTimeInterval(limit)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: path, encoding: .utf8),
                let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                return port
            }
            guard process.isRunning else {
                throw SetupError(message: "\(name) exited (status \(process.terminationStatus)) before reporting its port:\n\(logTail)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw SetupError(message: "\(name) did not report its port within \(Int(limit)) s:\n\(logTail)")
    }

    /// Ends the process and waits for it; safe to call more than once.
    func stop() {
        let first = lock.withLock { () -> Bool in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        guard process.isRunning else { return }
        let pid = process.processIdentifier
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }
}

/// Loopback ports for peers.
enum Ports {
    /// A port that was free on 127.0.0.1 a moment ago (the kernel picks it; a race with other tests is unlikely).
    static func free() throws -> Int {
        let fd = socket(AF_INET, Int32(streamSocketType), 0)
        guard fd >= 0 else { throw SetupError(message: "socket() failed: errno \(errno)") }
        defer { close(fd) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw SetupError(message: "bind() failed: errno \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether a TCP connect to 127.0.0.1:`port` succeeds right now.
    static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(streamSocketType), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return result == 0
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }
}

#if canImport(Glibc)
let streamSocketType = SOCK_STREAM.rawValue
#else
let streamSocketType = SOCK_STREAM
#endif
