import Foundation
import ProcessTestSupport
import Testing

extension EndToEnd {
    /// Credentials through real proxies (microsocks with RFC 1929, tinyproxy with BasicAuth) and URL userinfo:
    /// hidden on stdout, stderr and in `--record` files; `--show-secrets` shows them on screen only.
    @Suite("Secrets in the dump and the record", .serialized)
    struct SecretsTests {
        /// Runs `--dump` with `arguments`, sends one line, waits for its echo and a clean exit.
        private func dumpOneEcho(_ arguments: [String]) async throws -> CommandRun {
            let run = try CommandRun(["--dump"] + arguments)
            run.write("hello\n")
            try await run.waitForOutput("the echo") { $0.contains("← TEXT") }
            run.closeInput()
            let status = try await run.waitForExit()
            #expect(status == 0, "stderr: \(run.stderr)")
            return run
        }

        private func temporaryFile(_ name: String) throws -> (directory: URL, path: String) {
            let directory = try makeTemporaryDirectory(name)
            return (directory, directory.appendingPathComponent("session.jsonl").path)
        }

        private func mode(of path: String) throws -> Int {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
        }

        @Test("a SOCKS5 password is hidden in --dump and --record; the record file is created 0600")
        func socksPasswordHidden() async throws {
            let proxy = try await ProxyPeer.microsocks(user: "alice", password: "hunter2")
            defer { proxy.stop() }
            try await withServer { server in
                let (directory, file) = try temporaryFile("socks-record")
                defer { try? FileManager.default.removeItem(at: directory) }
                let run = try await dumpOneEcho([
                    "--record", file, "--proxy", "socks5h://alice:hunter2@127.0.0.1:\(proxy.port)", server.url + "/echo",
                ])
                let record = try String(contentsOfFile: file, encoding: .utf8)
                for (name, text) in [("stdout", run.stdout), ("stderr", run.stderr), ("record", record)] {
                    #expect(!text.contains("hunter2"), "the password is in \(name):\n\(text)")
                }
                // The raw RFC 1929 message, base64 as the record's `wire` field would hold it, is not there either.
                let raw: [UInt8] = [0x01, 0x05] + Array("alice".utf8) + [0x07] + Array("hunter2".utf8)
                #expect(!record.contains(Data(raw).base64EncodedString()))
                #expect(run.stderr.contains("SOCKS5 username/password: user alice, password ***"), "stderr: \(run.stderr)")
                #expect(record.contains("\"redacted\":true"))
                #expect(try mode(of: file) == 0o600)
            }
        }

        @Test("--show-secrets shows the SOCKS5 password on screen, never in the record file")
        func showSecretsScreenOnly() async throws {
            let proxy = try await ProxyPeer.microsocks(user: "alice", password: "hunter2")
            defer { proxy.stop() }
            try await withServer { server in
                let (directory, file) = try temporaryFile("socks-show")
                defer { try? FileManager.default.removeItem(at: directory) }
                let run = try await dumpOneEcho([
                    "--show-secrets", "--record", file, "--proxy", "socks5h://alice:hunter2@127.0.0.1:\(proxy.port)",
                    server.url + "/echo",
                ])
                #expect(run.stderr.contains("hunter2"), "stderr: \(run.stderr)")
                #expect(!(try String(contentsOfFile: file, encoding: .utf8)).contains("hunter2"))
            }
        }

        @Test("an HTTP proxy's Proxy-Authorization is hidden in --dump and --record")
        func proxyAuthorizationHidden() async throws {
            try await withServer { server in
                let proxy = try await ProxyPeer.tinyproxy(connectPort: server.port, user: "bob", password: "Tr0ub4dor")
                defer { proxy.stop() }
                let (directory, file) = try temporaryFile("http-record")
                defer { try? FileManager.default.removeItem(at: directory) }
                let run = try await dumpOneEcho([
                    "--record", file, "--proxy", "http://bob:Tr0ub4dor@127.0.0.1:\(proxy.port)", server.url + "/echo",
                ])
                let record = try String(contentsOfFile: file, encoding: .utf8)
                let basic = Data("bob:Tr0ub4dor".utf8).base64EncodedString()
                for (name, text) in [("stdout", run.stdout), ("stderr", run.stderr), ("record", record)] {
                    #expect(!text.contains("Tr0ub4dor") && !text.contains(basic), "a credential is in \(name):\n\(text)")
                }
                #expect(record.contains("Proxy-Authorization: Basic ***"), "record: \(record)")
            }
        }

        @Test("URL userinfo is sent as Authorization: Basic and never shown with its password")
        func urlUserinfo() async throws {
            try await withServer { server in
                let (directory, file) = try temporaryFile("userinfo")
                defer { try? FileManager.default.removeItem(at: directory) }
                let target = server.url.replacingOccurrences(of: "ws://", with: "ws://alice:s3cret@") + "/headers"
                let run = try CommandRun(["--dump", "--record", file, target])
                try await run.waitForOutput("the request head echoed by /headers") { $0.contains("Authorization") }
                run.closeInput()
                #expect(try await run.waitForExit() == 0, "stderr: \(run.stderr)")
                let basic = Data("alice:s3cret".utf8).base64EncodedString()
                // The server saw the credentials: /headers sends back the request head it received.
                #expect(run.stdout.contains("Authorization: Basic \(basic)"), "stdout: \(run.stdout)")
                #expect(!run.stderr.contains("s3cret") && !run.stderr.contains(basic), "stderr: \(run.stderr)")
                #expect(run.stderr.contains("alice:***@"), "stderr: \(run.stderr)")
                let handshake = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
                    .filter { !$0.contains("\"type\":\"frame\"") }.joined(separator: "\n")
                #expect(!handshake.contains("s3cret") && !handshake.contains(basic), "record: \(handshake)")
            }
        }

        @Test("--record appends to an existing file, keeping what it held")
        func recordAppends() async throws {
            try await withServer { server in
                let (directory, file) = try temporaryFile("append")
                defer { try? FileManager.default.removeItem(at: directory) }
                try "{\"earlier\":true}".write(toFile: file, atomically: false, encoding: .utf8)
                _ = try await dumpOneEcho(["--record", file, server.url + "/echo"])
                let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
                #expect(lines.first == "{\"earlier\":true}")
                #expect(lines.count > 3)
                for line in lines {
                    #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "not JSON: \(line)")
                }
            }
        }
    }
}
