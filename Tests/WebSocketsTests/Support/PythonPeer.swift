import ClientTestSupport
import Foundation
import ProcessTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A Python `websockets` server started for a test on 127.0.0.1, stopped when the test is done.
final class PythonPeer: Sendable {
    let port: Int
    private let process: Process

    /// Starts `Peers/python_peer.py` with `arguments` and waits until it listens, on a thread of its own (see
    /// `offThePool`); fails clearly if the test venv is missing.
    static func start(_ arguments: [String] = []) async throws -> PythonPeer {
        try await offThePool { try startBlocking(arguments) }
    }

    private static func startBlocking(_ arguments: [String]) throws -> PythonPeer {
        let venv =
            ProcessInfo.processInfo.environment["WSINSPECT_VENV"].map { URL(fileURLWithPath: $0) }
            ?? repositoryRoot.appendingPathComponent(".venv")
        let python = venv.appendingPathComponent("bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw PeerError(message: "no Python venv at \(venv.path): run Scripts/bootstrap.sh to install the test peers")
        }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Peers/python_peer.py")
        let process = Process()
        process.executableURL = python
        process.arguments = [script.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // The peer prints its port on the first line once it listens.
        let handle = output.fileHandleForReading
        var line = Data()
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            let byte = handle.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)) else {
            process.terminate()
            throw PeerError(message: "python peer did not report a port (got \"\(String(decoding: line, as: UTF8.self))\")")
        }
        return PythonPeer(port: port, process: process)
    }

    private init(port: Int, process: Process) {
        self.port = port
        self.process = process
    }

    /// ws://127.0.0.1:port
    var url: String { "ws://127.0.0.1:\(port)" }

    deinit { process.killAndReap() }
}

/// A test peer could not be started.
struct PeerError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
