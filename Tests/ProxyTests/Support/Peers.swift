import Foundation

/// The real proxies and servers the tests run on 127.0.0.1, each in its own temporary directory with a
/// generated configuration. Every one is stopped by `stop()` or when released.

/// tinyproxy in the foreground (`-d -c conf`), allowing `CONNECT` to `connectPorts`, with optional BasicAuth.
final class Tinyproxy: Sendable {
    let port: Int
    let process: TestProcess

    init(connectPorts: [Int], basicAuth: (user: String, password: String)? = nil, directory: TemporaryDirectory) async throws {
        let executable = try Tools.require("tinyproxy")
        port = try Ports.free()
        var config = """
            Port \(port)
            Listen 127.0.0.1
            Timeout 30
            LogLevel Info
            MaxClients 20
            Allow 127.0.0.1
            DisableViaHeader Yes

            """
        for connectPort in connectPorts { config += "ConnectPort \(connectPort)\n" }
        if let basicAuth { config += "BasicAuth \(basicAuth.user) \(basicAuth.password)\n" }
        let file = try directory.write("tinyproxy-\(port).conf", config)
        process = try TestProcess("tinyproxy", executable: executable, arguments: ["-d", "-c", file], directory: directory)
        try await process.waitForPort(port)
    }

    func stop() { process.stop() }
}

/// squid in the foreground (`-N -f conf`) with everything it writes in the temporary directory. By default it
/// keeps squid's stock rule `http_access deny CONNECT !SSL_ports` (443 only); `allowConnectTo` adds ports to
/// `SSL_ports`.
final class Squid: Sendable {
    let port: Int
    let process: TestProcess

    init(allowConnectTo extraPorts: [Int] = [], directory: TemporaryDirectory) async throws {
        let executable = try Tools.require("squid")
        port = try Ports.free()
        let dir = directory.url.path
        let sslPorts = (["443"] + extraPorts.map(String.init)).joined(separator: " ")
        let config = """
            http_port 127.0.0.1:\(port)
            pid_filename \(dir)/squid-\(port).pid
            cache_log \(dir)/squid-cache-\(port).log
            access_log stdio:\(dir)/squid-access-\(port).log
            cache_store_log none
            coredump_dir \(dir)
            cache deny all
            pinger_enable off
            shutdown_lifetime 0 seconds
            dns_nameservers 127.0.0.1
            acl SSL_ports port \(sslPorts)
            acl CONNECT method CONNECT
            http_access deny CONNECT !SSL_ports
            http_access allow localhost
            http_access deny all

            """
        let file = try directory.write("squid-\(port).conf", config)
        process = try TestProcess("squid", executable: executable, arguments: ["-N", "-f", file], directory: directory)
        try await process.waitForPort(port, limit: 30)
    }

    func stop() { process.stop() }
}

/// microsocks on 127.0.0.1, with optional `-u/-P` credentials.
final class Microsocks: Sendable {
    let port: Int
    let process: TestProcess

    init(credentials: (user: String, password: String)? = nil, directory: TemporaryDirectory) async throws {
        let executable = try Tools.require("microsocks")
        port = try Ports.free()
        var arguments = ["-i", "127.0.0.1", "-p", String(port)]
        if let credentials { arguments += ["-u", credentials.user, "-P", credentials.password] }
        process = try TestProcess("microsocks", executable: executable, arguments: arguments, directory: directory)
        try await process.waitForPort(port)
    }

    func stop() { process.stop() }
}

/// stunnel4 terminating TLS on 127.0.0.1 and forwarding plain TCP to `forwardTo`: an HTTPS proxy when put in
/// front of tinyproxy.
final class Stunnel: Sendable {
    let port: Int
    let process: TestProcess

    init(forwardTo target: Int, certificate: String, key: String, directory: TemporaryDirectory) async throws {
        let executable = try Tools.require("stunnel4")
        port = try Ports.free()
        let config = """
            foreground = yes
            pid =
            debug = 5

            [proxy]
            accept = 127.0.0.1:\(port)
            connect = 127.0.0.1:\(target)
            cert = \(certificate)
            key = \(key)

            """
        let file = try directory.write("stunnel-\(port).conf", config)
        process = try TestProcess("stunnel4", executable: executable, arguments: [file], directory: directory)
        try await process.waitForPort(port)
    }

    func stop() { process.stop() }
}

/// The Python `websockets` TLS echo server (Peers/tls_echo_server.py), optionally requiring a client certificate.
final class TLSEchoServer: Sendable {
    let port: Int
    let process: TestProcess

    /// Which certificate the server presents.
    enum Presenting: Sendable {
        /// `localhost` and `wss.test`, no IP address.
        case serverNames
        /// `127.0.0.1` and `localhost` (the proxy's).
        case proxyAddress
        /// `127.0.0.1` only.
        case ipOnly
        /// A certificate and key from these files.
        case files(certificate: String, key: String)
    }

    init(
        certificates: TestCertificates, requireClientCertificate: Bool = false, clientCA: String? = nil,
        maxTLS12: Bool = false, presenting: Presenting = .serverNames, directory: TemporaryDirectory
    ) async throws {
        let python = try Tools.python()
        let portFile = directory.path("tls-server-\(UUID().uuidString).port")
        let (certificate, key): (String, String)
        switch presenting {
        case .serverNames: (certificate, key) = (certificates.serverCertificate, certificates.serverKey)
        case .proxyAddress: (certificate, key) = (certificates.proxyCertificate, certificates.proxyKey)
        case .ipOnly: (certificate, key) = (certificates.ipOnlyCertificate, certificates.ipOnlyKey)
        case .files(let file, let keyFile): (certificate, key) = (file, keyFile)
        }
        var arguments = [
            Tools.peer("tls_echo_server.py"), "--cert", certificate, "--key", key,
            "--port-file", portFile,
        ]
        if requireClientCertificate { arguments += ["--client-ca", clientCA ?? certificates.caFile] }
        if maxTLS12 { arguments += ["--max-tls12"] }
        process = try TestProcess("tls_echo_server", executable: python, arguments: arguments, directory: directory)
        port = try await process.waitForPortFile(portFile)
    }

    func stop() { process.stop() }
}

/// A malicious proxy (Peers/impersonating_proxy.py) that opens no tunnel: it answers `CONNECT` (or SOCKS5) with
/// success and runs the target's TLS handshake itself with `certificate`, recording what a client sent inside.
final class ImpersonatingProxy: Sendable {
    enum Mode: String, Sendable, CaseIterable { case connect, socks5 }

    let port: Int
    let process: TestProcess
    private let capturePath: String

    init(mode: Mode, certificate: String, key: String, directory: TemporaryDirectory) async throws {
        let python = try Tools.python()
        let portFile = directory.path("impersonating-\(UUID().uuidString).port")
        capturePath = directory.path("impersonating-\(UUID().uuidString).capture")
        process = try TestProcess(
            "impersonating_proxy", executable: python,
            arguments: [
                Tools.peer("impersonating_proxy.py"), "--mode", mode.rawValue, "--cert", certificate, "--key", key,
                "--port-file", portFile, "--capture", capturePath,
            ],
            directory: directory)
        port = try await process.waitForPortFile(portFile)
    }

    /// The URI a dispatcher uses to reach it (`socks5h` so that names are the proxy's to resolve).
    func uri(_ mode: Mode) -> String { mode == .connect ? "http://127.0.0.1:\(port)" : "socks5h://127.0.0.1:\(port)" }

    /// What the proxy saw: "TLS-OK" once a client completed the handshake with it, then the bytes sent inside.
    var captured: String { (try? String(contentsOfFile: capturePath, encoding: .isoLatin1)) ?? "" }

    func stop() { process.stop() }
}

/// A peer that looks normal and then breaks one rule (Peers/hostile_peer.py): a SOCKS5 proxy with a reply of
/// unknown address type or a wrong RFC 1929 version byte, or a WebSocket server with a 24 KiB response head.
final class HostilePeer: Sendable {
    enum Mode: String, Sendable {
        case socksUnknownAddressType = "socks-unknown-address-type"
        case socksBadAuthVersion = "socks-bad-auth-version"
        case hugeHead = "huge-head"
        case closeThenReset = "close-then-reset"
        case plainHTTP = "plain-http"
        case tlsStall = "tls-stall"
        case socksReply = "socks-reply"
        case socksAuthRefused = "socks-auth-refused"
    }

    let port: Int
    let process: TestProcess
    private let capturePath: String

    init(_ mode: Mode, replyCode: UInt8 = 1, directory: TemporaryDirectory) async throws {
        let python = try Tools.python()
        let portFile = directory.path("hostile-\(UUID().uuidString).port")
        capturePath = directory.path("hostile-\(UUID().uuidString).capture")
        process = try TestProcess(
            "hostile_peer", executable: python,
            arguments: [
                Tools.peer("hostile_peer.py"), "--mode", mode.rawValue, "--port-file", portFile, "--capture", capturePath,
                "--reply-code", "\(replyCode)",
            ],
            directory: directory)
        port = try await process.waitForPortFile(portFile)
    }

    /// What the client sent after the step the peer broke.
    var captured: String { (try? String(contentsOfFile: capturePath, encoding: .isoLatin1)) ?? "" }

    func stop() { process.stop() }
}
