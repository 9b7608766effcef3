import ClientTestSupport
import Foundation
import Testing
import WebSocketServer

#if canImport(Glibc)
import Glibc
#endif

/// The project's server against Python `websockets` as the client: a strict, independent implementation of the
/// permessage-deflate client role checks the server's negotiation, compression and inflation, /flood and /bomb.
@Suite("Test server permessage-deflate with a Python client")
struct ServerDeflateInteropTests {
    @Test("Python's client negotiates, echoes, floods and inflates the bomb")
    func pythonClient() async throws {
        let server = try await TestServer.start()
        let url = server.url
        let lines = try await offThePool { try Self.runPythonClient(url: url) }
        try await server.stopWithin()
        #expect(
            lines == [
                "default ok permessage-deflate",
                // client_max_window_bits=10 was the client's own limit; the server has none to add, so it is not echoed.
                "small-windows ok permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=9",
                "flood ok 40",
                "bomb ok 10485760",
            ])
    }

    /// Runs Peers/python_deflate_client.py to completion (it bounds itself) and returns its output lines; it blocks
    /// for the whole run, so it is called off the cooperative pool.
    private static func runPythonClient(url: String) throws -> [String] {
        let venv =
            ProcessInfo.processInfo.environment["WSINSPECT_VENV"].map { URL(fileURLWithPath: $0) }
            ?? repositoryRoot.appendingPathComponent(".venv")
        let python = venv.appendingPathComponent("bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw PeerError(message: "no Python venv at \(venv.path): run Scripts/bootstrap.sh to install the test peers")
        }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Peers/python_deflate_client.py")
        let process = Process()
        process.executableURL = python
        process.arguments = [script.path, url]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // The script ends on its own (every scenario has a 30 s timeout), closing the pipe.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        // Reaped directly: Foundation's waitUntilExit can miss a child's exit on Linux (see PythonPeer).
        let pid = process.processIdentifier
        for _ in 0..<500 {
            var status: Int32 = 0
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid || reaped == -1 { break }
            usleep(10_000)
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
