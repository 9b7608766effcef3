import Foundation
import ProcessTestSupport

/// The Python HTTPS CONNECT proxy (Peers/https_connect_proxy.py) with a self-signed certificate for 127.0.0.1 made
/// by openssl at test time. A missing venv or openssl fails the test with what to run.
final class HTTPSProxyPeer {
    let port: Int
    /// The proxy's self-signed certificate, to trust with `--proxy-cacert`.
    let certificate: String
    private let process = Process()
    private let directory: URL

    init() async throws {
        directory = try makeTemporaryDirectory("https-proxy")
        certificate = directory.appendingPathComponent("proxy.pem").path
        let key = directory.appendingPathComponent("proxy.key").path
        let openssl = try Self.require("/usr/bin/openssl", "openssl not found: run Scripts/bootstrap.sh (apt-get install openssl)")
        let made = Process()
        made.executableURL = URL(fileURLWithPath: openssl)
        made.arguments = [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key,
            "-out", certificate, "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
        ]
        made.standardOutput = FileHandle.nullDevice
        made.standardError = FileHandle.nullDevice
        try made.run()
        made.waitUntilExit()
        guard made.terminationStatus == 0 else { throw E2EError("openssl could not make the proxy's certificate") }

        let venv =
            ProcessInfo.processInfo.environment["WSINSPECT_VENV"]
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".venv").path
        let python = try Self.require(venv + "/bin/python", "no Python venv at \(venv): run Scripts/bootstrap.sh")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Peers/https_connect_proxy.py").path
        let portFile = directory.appendingPathComponent("port").path
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, "--cert", certificate, "--key", key, "--port-file", portFile]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<100 {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8), let port = Int(text) {
                self.port = port
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        process.killAndReap()
        throw E2EError("the HTTPS proxy peer did not start within 10 s")
    }

    func stop() {
        process.killAndReap()
        try? FileManager.default.removeItem(at: directory)
    }

    private static func require(_ path: String, _ message: String) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: path) else { throw E2EError(message) }
        return path
    }
}
