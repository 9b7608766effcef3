import Foundation
import ProcessTestSupport

/// mitmproxy's `mitmdump` in reverse mode in front of a server on loopback, writing its HAR export
/// (`--set hardump=FILE`) when it stops: a real third-party HAR producer. A missing venv or mitmproxy fails the
/// test with what to run, never skips it.
final class MitmdumpPeer {
    let port: Int
    /// Where mitmproxy writes its HAR on exit.
    let harFile: String
    private let process = Process()
    private let directory: URL

    /// The venv's `bin` directory (`WSINSPECT_VENV`, else the checkout's `.venv`).
    static var venvBin: String {
        let venv =
            ProcessInfo.processInfo.environment["WSINSPECT_VENV"]
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".venv").path
        return venv + "/bin"
    }

    /// Starts mitmdump relaying to `upstreamPort` on 127.0.0.1 and waits until it accepts connections.
    init(upstreamPort: Int) async throws {
        let mitmdump = Self.venvBin + "/mitmdump"
        guard FileManager.default.isExecutableFile(atPath: mitmdump) else {
            throw E2EError("mitmdump not found at \(mitmdump): run Scripts/bootstrap.sh (it pip-installs mitmproxy)")
        }
        directory = try makeTemporaryDirectory("mitmdump")
        harFile = directory.appendingPathComponent("mitmproxy.har").path
        port = try freeLoopbackPort()
        // The test runner's threads block signals, and a child inherits that mask: mitmdump would then never see
        // the signal that makes it write its HAR. The venv's Python unblocks them and execs mitmdump.
        let unblock =
            "import os, signal, sys; signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM}); "
            + "signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])"
        process.executableURL = URL(fileURLWithPath: Self.venvBin + "/python")
        process.arguments = [
            "-c", unblock, mitmdump,
            "--mode", "reverse:http://127.0.0.1:\(upstreamPort)", "--listen-host", "127.0.0.1", "-p", "\(port)",
            "--set", "hardump=\(harFile)", "--set", "confdir=\(directory.appendingPathComponent("conf").path)", "-q",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // mitmproxy takes a few seconds to import and bind; it is ready when a TCP connect succeeds.
        for _ in 0..<300 {
            if canConnect(port: port) { return }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        process.terminate()
        throw E2EError("mitmdump did not listen on 127.0.0.1:\(port) within 30 s")
    }

    /// Stops mitmdump with SIGTERM (it shuts down as for Ctrl-C and writes the HAR; SIGINT may arrive ignored from the test runner); waits for it to exit.
    func stopAndWriteHAR() async throws {
        kill(process.processIdentifier, SIGTERM)
        for _ in 0..<300 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        if process.isRunning {
            process.terminate()
            throw E2EError("mitmdump did not exit within 30 s of SIGTERM")
        }
        guard FileManager.default.fileExists(atPath: harFile) else { throw E2EError("mitmdump wrote no HAR at \(harFile)") }
    }

    func remove() {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: directory)
    }
}

/// A TCP port free on 127.0.0.1 right now (bound to port 0 and released).
func freeLoopbackPort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw E2EError("socket() failed") }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
        }
    }
    guard bound else { throw E2EError("cannot bind a loopback port") }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// Whether something accepts TCP connections on 127.0.0.1:`port`.
func canConnect(port: Int) -> Bool {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = UInt16(port).bigEndian
    return withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
        }
    }
}
