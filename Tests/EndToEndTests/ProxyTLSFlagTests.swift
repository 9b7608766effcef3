import Foundation
import ProcessTestSupport
import Testing

extension EndToEnd {
    /// An `https://` proxy's own certificate is verified with `--proxy-cacert` / `--proxy-insecure`, apart from
    /// `--cacert` / `-k`, which are for the server (curl's split).
    @Suite("Proxy TLS flags")
    struct ProxyTLSFlagTests {
        @Test func proxyCertificateIsVerifiedWithItsOwnFlags() async throws {
            let proxy = try await HTTPSProxyPeer()
            defer { proxy.stop() }
            try await withServer { server in
                let proxyURL = "https://127.0.0.1:\(proxy.port)"
                let target = server.url + "/echo"

                let untrusted = try await dump(["--proxy", proxyURL, target])
                #expect(untrusted.status != 0)
                #expect(untrusted.stderr.contains("TLS to https proxy 127.0.0.1:\(proxy.port)"), "stderr: \(untrusted.stderr)")
                #expect(untrusted.stderr.contains("not trusted"), "stderr: \(untrusted.stderr)")

                // --cacert is the server's trust store only, as in curl.
                let serverCA = try await dump(["--proxy", proxyURL, "--cacert", proxy.certificate, target])
                #expect(serverCA.status != 0, "stdout: \(serverCA.stdout)")

                for flags in [["--proxy-cacert", proxy.certificate], ["--proxy-insecure"]] {
                    let trusted = try await dump(["--proxy", proxyURL] + flags + [target])
                    #expect(trusted.status == 0, "\(flags): stderr: \(trusted.stderr)")
                    #expect(trusted.stdout.contains("← TEXT") && trusted.stdout.contains("through the proxy"), "\(flags)")
                }
            }
        }

        private func dump(_ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
            let run = try CommandRun(["--dump"] + arguments)
            run.write("through the proxy\n")
            run.closeInput()
            let status = try await run.waitForExit(timeout: 20)
            return (status, run.stdout, run.stderr)
        }
    }
}
