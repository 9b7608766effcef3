import ClientTestSupport
import Foundation
import ProcessTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// This test target's folder, found from this file's path.
let relayTestsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

/// A peer program (Python, Node or our own binary) started for one test on loopback and killed when the value
/// goes away: SIGKILL, which no inherited signal mask can block, then a bounded reap.
final class PeerProcess {
    let process: Process
    private let output: Pipe

    private init(process: Process, output: Pipe) {
        self.process = process
        self.output = output
    }

    /// The test venv's Python, or an error that says how to get one.
    static func python() throws -> URL {
        let venv =
            ProcessInfo.processInfo.environment["WSINSPECT_VENV"].map { URL(fileURLWithPath: $0) }
            ?? relayTestsFolder.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".venv")
        let python = venv.appendingPathComponent("bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw PeerFailure("no Python venv at \(venv.path): run Scripts/bootstrap.sh (or set WSINSPECT_VENV)")
        }
        return python
    }

    /// A peer script in Peers/.
    static func script(_ name: String) -> String { relayTestsFolder.appendingPathComponent("Peers/\(name)").path }

    /// Starts `executable` with `arguments`; stdout goes to `stdoutFile` if given, else is kept for `firstLine`;
    /// stderr is discarded.
    static func start(_ executable: URL, _ arguments: [String], stdoutFile: URL? = nil) throws -> PeerProcess {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        if let stdoutFile {
            FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        } else {
            process.standardOutput = output
        }
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return PeerProcess(process: process, output: output)
    }

    /// The first line the peer prints (a server's port), waited for at most `limit` on a thread of its own.
    func firstLine(within limit: Duration = .seconds(20)) async throws -> String {
        let handle = output.fileHandleForReading
        return try await withTimeout(limit, "the peer's first line") {
            try await offThePool {
                var line = Data()
                while true {
                    let byte = handle.readData(ofLength: 1)
                    if byte.isEmpty || byte == Data("\n".utf8) { break }
                    line.append(byte)
                }
                return String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            }
        }
    }

    /// A server peer's port, from its first line.
    func port() async throws -> Int {
        let line = try await firstLine()
        guard let port = Int(line) else { throw PeerFailure("the peer printed \"\(line)\" instead of its port") }
        return port
    }

    /// The process id, for reading its memory from /proc.
    var pid: Int32 { process.processIdentifier }

    deinit { process.killAndReap() }
}

/// Runs a client peer to its end and decodes the one JSON line it prints; bounded by `limit`.
func runClientPeer(_ executable: URL, _ arguments: [String], limit: Duration = .seconds(60)) async throws -> [String: Any] {
    let peer = try PeerProcess.start(executable, arguments)
    let line = try await peer.firstLine(within: limit)
    guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
        throw PeerFailure("the client peer printed \"\(line.prefix(300))\" instead of its JSON result")
    }
    if let error = object["error"] { throw PeerFailure("the client peer failed: \(error)") }
    return object
}

/// A peer could not be started or said something unexpected.
struct PeerFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
