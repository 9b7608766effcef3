import Foundation
import ProcessTestSupport

/// A throwaway CA and a listener certificate for `127.0.0.1` and `localhost`, made with openssl at test time, plus
/// a second key that belongs to no certificate (for the mismatched-pair error). EC P-256 keeps it fast.
struct RelayCertificates {
    let caFile: String
    let certificate: String
    let key: String
    let otherKey: String

    static func make() async throws -> RelayCertificates {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "relay-tls-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        let keyOptions = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try await openssl(
            ["req", "-x509"] + keyOptions + [
                "-keyout", path("ca.key"), "-out", path("ca.pem"), "-days", "2", "-subj", "/CN=wsinspect relay test CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            ])
        try "basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n"
            .write(toFile: path("leaf.ext"), atomically: true, encoding: .utf8)
        try await openssl(["req"] + keyOptions + ["-keyout", path("leaf.key"), "-out", path("leaf.csr"), "-subj", "/CN=localhost"])
        try await openssl([
            "x509", "-req", "-in", path("leaf.csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"), "-CAcreateserial",
            "-out", path("leaf.pem"), "-days", "2", "-extfile", path("leaf.ext"),
        ])
        try await openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-out", path("other.key")])
        return RelayCertificates(
            caFile: path("ca.pem"), certificate: path("leaf.pem"), key: path("leaf.key"), otherKey: path("other.key"))
    }

    /// Runs openssl, failing with its output when it fails or is missing.
    private static func openssl(_ arguments: [String]) async throws {
        guard let executable = ["/usr/bin/openssl", "/usr/local/bin/openssl"].first(where: FileManager.default.isExecutableFile)
        else { throw PeerFailure("openssl is not installed: apt-get install openssl") }
        let run = try await programOutput(executable, arguments)
        guard run.status == 0 else { throw PeerFailure("openssl \(arguments.first ?? "") failed: \(run.text)") }
    }
}
