import Foundation

/// A throwaway PKI made with openssl at test time: a CA, a server certificate for `localhost` and `wss.test`
/// (deliberately no IP address, so connecting to 127.0.0.1 needs a server-name override), a certificate for the
/// HTTPS proxy (`127.0.0.1`), one that names only the IP address 127.0.0.1 (what a malicious proxy on loopback
/// would hold for its own address), and a client certificate for mutual TLS. EC P-256 keys keep generation fast.
struct TestCertificates: Sendable {
    let caFile: String
    let serverCertificate: String
    let serverKey: String
    let proxyCertificate: String
    let proxyKey: String
    let clientCertificate: String
    let clientKey: String
    /// Names only `IP:127.0.0.1`: valid for the proxy's own address and for nothing a URL names by DNS.
    let ipOnlyCertificate: String
    let ipOnlyKey: String
    /// A second CA that signed nothing here: trusting only it must fail verification.
    let otherCAFile: String

    static func make(in directory: TemporaryDirectory) async throws -> TestCertificates {
        let openssl = try Tools.require("openssl")
        let dir = directory.url
        func run(_ arguments: [String]) async throws { try await Tools.run(openssl, arguments, in: dir) }
        let keyOptions = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]

        for ca in ["ca", "other-ca"] {
            try await run(
                ["req", "-x509"] + keyOptions + [
                    "-keyout", "\(ca).key", "-out", "\(ca).pem", "-days", "2", "-subj", "/CN=wsinspect test \(ca)",
                    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                ])
        }
        func leaf(_ name: String, subject: String, extensions: String) async throws {
            try directory.write("\(name).ext", extensions)
            try await run(["req"] + keyOptions + ["-keyout", "\(name).key", "-out", "\(name).csr", "-subj", subject])
            try await run([
                "x509", "-req", "-in", "\(name).csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "\(name).pem", "-days", "2", "-extfile", "\(name).ext",
            ])
        }
        try await leaf(
            "server", subject: "/CN=localhost",
            extensions: "basicConstraints=CA:FALSE\nsubjectAltName=DNS:localhost,DNS:wss.test\nextendedKeyUsage=serverAuth\n")
        try await leaf(
            "proxy", subject: "/CN=127.0.0.1",
            extensions: "basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n")
        try await leaf(
            "ip-only", subject: "/CN=127.0.0.1",
            extensions: "basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n")
        try await leaf(
            "client", subject: "/CN=wsinspect client",
            extensions: "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n")
        return TestCertificates(
            caFile: directory.path("ca.pem"), serverCertificate: directory.path("server.pem"),
            serverKey: directory.path("server.key"), proxyCertificate: directory.path("proxy.pem"),
            proxyKey: directory.path("proxy.key"), clientCertificate: directory.path("client.pem"),
            clientKey: directory.path("client.key"), ipOnlyCertificate: directory.path("ip-only.pem"),
            ipOnlyKey: directory.path("ip-only.key"), otherCAFile: directory.path("other-ca.pem"))
    }
}
