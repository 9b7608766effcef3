import Foundation
import ProcessTestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real proxy on 127.0.0.1 for the command-line tests: tinyproxy with BasicAuth, or microsocks with RFC 1929
/// credentials. Both stay in the foreground, so Foundation's `Process` sees them exit; `stop()` (or release)
/// ends them.
final class ProxyPeer {
    let port: Int
    private let process = Process()
    private let directory: URL

    /// tinyproxy allowing `CONNECT` to `connectPort`, asking for `user` and `password`.
    static func tinyproxy(connectPort: Int, user: String, password: String) async throws -> ProxyPeer {
        let port = try LoopbackPort.free()
        let directory = try makeTemporaryDirectory("tinyproxy")
        let config = directory.appendingPathComponent("tinyproxy.conf")
        try """
        Port \(port)
        Listen 127.0.0.1
        Timeout 30
        MaxClients 20
        Allow 127.0.0.1
        DisableViaHeader Yes
        ConnectPort \(connectPort)
        BasicAuth \(user) \(password)

        """.write(to: config, atomically: true, encoding: .utf8)
        return try await ProxyPeer(
            executable: try which("tinyproxy"), arguments: ["-d", "-c", config.path], port: port, directory: directory)
    }

    /// microsocks asking for `user` and `password`.
    static func microsocks(user: String, password: String) async throws -> ProxyPeer {
        let port = try LoopbackPort.free()
        return try await ProxyPeer(
            executable: try which("microsocks"),
            arguments: ["-i", "127.0.0.1", "-p", String(port), "-u", user, "-P", password], port: port,
            directory: try makeTemporaryDirectory("microsocks"))
    }

    private init(executable: String, arguments: [String], port: Int, directory: URL) async throws {
        self.port = port
        self.directory = directory
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Bounded wait for the port; sleeping off the cooperative pool's threads, as the other helpers do.
        let deadline = Date().addingTimeInterval(15)
        while !LoopbackPort.accepts(port) {
            guard process.isRunning, Date() < deadline else {
                stop()
                throw E2EError("\(executable) did not listen on 127.0.0.1:\(port)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Ends the proxy and removes its directory; safe to call twice.
    func stop() {
        process.killAndReap()
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { stop() }

    private static func which(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/bin"] {
            let candidate = directory + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw E2EError("\(name) not found: run Scripts/bootstrap.sh (or apt-get install \(name))")
    }
}

/// Loopback TCP ports for the proxies.
enum LoopbackPort {
    /// A port that was free on 127.0.0.1 a moment ago (the kernel picks it).
    static func free() throws -> Int {
        let fd = socket(AF_INET, Int32(streamSocket), 0)
        guard fd >= 0 else { throw E2EError("socket() failed: errno \(errno)") }
        defer { close(fd) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw E2EError("bind() failed: errno \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether a TCP connect to 127.0.0.1:`port` succeeds right now.
    static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(streamSocket), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }

    #if canImport(Glibc)
    private static let streamSocket = SOCK_STREAM.rawValue
    #else
    private static let streamSocket = SOCK_STREAM
    #endif
}
