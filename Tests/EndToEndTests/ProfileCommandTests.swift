import Foundation
import ProcessTestSupport
import Testing

extension EndToEnd {
    /// The config file, `@NAME` profiles, `profiles` and `--curl`, through the real binary: its exit status, its
    /// one-line messages, and the headers the project's server saw (its `/headers` route sends back the request).
    @Suite("Profiles and --curl", .serialized)
    struct ProfileCommandTests {
        /// A private XDG_CONFIG_HOME holding `text` as wsinspect/config.toml.
        private func configHome(_ text: String) throws -> (directory: URL, file: String) {
            let directory = try makeTemporaryDirectory("config")
            let folder = directory.appendingPathComponent("wsinspect")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let file = folder.appendingPathComponent("config.toml").path
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            return (directory, file)
        }

        /// Runs wsinspect with `arguments` and config `text`, expecting exit 2 and `message` as the whole of stderr.
        private func expectUsageError(_ text: String, _ arguments: [String], _ message: (String) -> String) async throws {
            let (directory, file) = try configHome(text)
            defer { try? FileManager.default.removeItem(at: directory) }
            let run = try CommandRun(arguments, environment: ["XDG_CONFIG_HOME": directory.path])
            run.closeInput()
            #expect(try await run.waitForExit() == 2, "stdout: \(run.stdout)")
            #expect(run.stderr == "wsinspect: \(message(file))\n")
        }

        @Test("a bad config names the file, line and key, and exits 2")
        func configErrors() async throws {
            try await expectUsageError("[defaults]\nping_interval = \n", ["--dump", "ws://127.0.0.1:9/"]) {
                "\($0) line 2: is not valid TOML (Error while parsing key-value pair: expected value, saw '\\n'); fix that line"
            }
            try await expectUsageError("[defaults]\ncolour = \"red\"\n", ["--dump", "ws://127.0.0.1:9/"]) {
                "\($0) line 2, defaults.colour: is not a wsinspect flag; use the long flags of wsinspect --help without the dashes"
            }
            // An unknown key is named even when another key (alone) is wrong too.
            try await expectUsageError("[defaults]\ncert = \"/x\"\ncolour = \"red\"\n", ["--dump", "ws://127.0.0.1:9/"]) {
                "\($0) line 3, defaults.colour: is not a wsinspect flag; use the long flags of wsinspect --help without the dashes"
            }
            try await expectUsageError("[defaults]\ncert = \"/x\"\n", ["--dump", "ws://127.0.0.1:9/"]) {
                "\($0) line 2, defaults.cert: --cert needs --key; change it in that file"
            }
            try await expectUsageError("[defaults]\nversion = true\n", ["--dump", "ws://127.0.0.1:9/"]) {
                "\($0) line 2, defaults.version: is not a setting (it is typed per use); remove it"
            }
            try await expectUsageError("[profiles.s]\nurl = \"ws://127.0.0.1:9/\"\nping_interval = \"soon\"\n", ["@s"]) {
                "\($0) line 3, profiles.s.ping_interval: the value 'soon' is invalid for '--ping-interval <seconds>'; change it in that file"
            }
            try await expectUsageError("[profiles.s]\nurl = \"ws://127.0.0.1:9/\"\nheaders = [\"X-T: ${WSINSPECT_UNSET_VAR}\"]\n", ["@s"]) {
                "\($0) line 3, profiles.s.headers: the environment variable WSINSPECT_UNSET_VAR is not set; export it or change the value"
            }
            try await expectUsageError("[profiles.s]\nurl = \"ws://127.0.0.1:9/\"\n", ["@prod"]) {
                "\($0) has no profile prod; wsinspect profiles lists the ones it has"
            }
        }

        @Test("@NAME without a config file says where the file goes, and exits 2")
        func noConfigFile() async throws {
            let empty = try makeTemporaryDirectory("no-config")
            defer { try? FileManager.default.removeItem(at: empty) }
            let run = try CommandRun(["@s"], environment: ["XDG_CONFIG_HOME": empty.path])
            #expect(try await run.waitForExit() == 2)
            #expect(
                run.stderr == "wsinspect: @s needs a config file, and there is none at "
                    + "\(empty.path)/wsinspect/config.toml; create it with a [profiles.s] table\n")
        }

        @Test("precedence: config defaults < profile < typed flags; ${VAR} reads the environment")
        func precedence() async throws {
            try await withServer { server in
                let (directory, _) = try configHome(
                    """
                    [defaults]
                    headers = ["X-Layer: config", "X-Config: yes"]
                    subprotocols = ["from-config"]

                    [profiles.local]
                    url = "\(server.url)/headers"
                    headers = ["X-Layer: profile", "X-Token: ${WSINSPECT_TEST_TOKEN}"]
                    """)
                defer { try? FileManager.default.removeItem(at: directory) }
                let run = try CommandRun(
                    ["--dump", "@local", "-H", "x-layer: typed"],
                    environment: ["XDG_CONFIG_HOME": directory.path, "WSINSPECT_TEST_TOKEN": "t0k3n"])
                try await run.waitForOutput("the request echoed") { $0.contains("← TEXT") }
                run.closeInput()
                #expect(try await run.waitForExit() == 0, "stderr: \(run.stderr)")
                let echoed = run.stdout
                for expected in ["x-layer: typed", "X-Config: yes", "X-Token: t0k3n", "Sec-WebSocket-Protocol: from-config"] {
                    #expect(echoed.contains(expected), "\(expected) missing: \(echoed)")
                }
                #expect(!echoed.contains("X-Layer: config") && !echoed.contains("X-Layer: profile"), "\(echoed)")
            }
        }

        @Test("a typed flag may lean on the config for its partner: --max-record-bytes under the file's log_memory")
        func pairedFlags() async throws {
            try await withServer { server in
                let arguments = ["--dump", "--max-record-bytes", "512M", server.url + "/echo"]
                let alone = try CommandRun(arguments)
                alone.closeInput()
                #expect(try await alone.waitForExit() == 2)
                #expect(alone.stderr == "wsinspect: --max-record-bytes must not be larger than --log-memory (see wsinspect --help)\n")
                let (directory, _) = try configHome("[defaults]\nlog_memory = \"1G\"\n")
                defer { try? FileManager.default.removeItem(at: directory) }
                let run = try CommandRun(arguments, environment: ["XDG_CONFIG_HOME": directory.path])
                run.write("hello\n")
                try await run.waitForOutput("the echo") { $0.contains("← TEXT") }
                run.closeInput()
                #expect(try await run.waitForExit() == 0, "stderr: \(run.stderr)")
            }
        }

        @Test("wsinspect profiles lists the profiles with their URLs, passwords hidden")
        func listsProfiles() async throws {
            let (directory, _) = try configHome(
                """
                [profiles.staging]
                url = "wss://bob:hunter2@staging.example.test/socket"
                [profiles.a]
                url = "ws://127.0.0.1:8765/echo"
                """)
            defer { try? FileManager.default.removeItem(at: directory) }
            let run = try CommandRun(["profiles"], environment: ["XDG_CONFIG_HOME": directory.path])
            #expect(try await run.waitForExit() == 0, "stderr: \(run.stderr)")
            #expect(run.stdout == "@a        ws://127.0.0.1:8765/echo\n@staging  wss://bob:***@staging.example.test/socket\n")
        }

        @Test("--curl keeps the copy's URL, headers and cookies and makes the handshake headers itself")
        func curl() async throws {
            try await withServer { server in
                let copied = server.url.replacingOccurrences(of: "ws://", with: "http://") + "/headers"
                let command = """
                    curl '\(copied)' \\
                      -H 'Upgrade: websocket' \\
                      -H 'Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==' \\
                      -H 'Sec-WebSocket-Version: 13' \\
                      -H $'X-Note: it\\'s' \\
                      -b 'sid=abc' \\
                      --compressed
                    """
                let run = try CommandRun(["--dump", "--curl", command], environment: ["XDG_CONFIG_HOME": "/nonexistent"])
                try await run.waitForOutput("the request echoed") { $0.contains("← TEXT") }
                run.closeInput()
                #expect(try await run.waitForExit() == 0, "stderr: \(run.stderr)")
                #expect(run.stdout.contains("X-Note: it's"))
                #expect(run.stdout.contains("Cookie: sid=abc"))
                #expect(!run.stdout.contains("AAAAAAAAAAAAAAAAAAAAAA=="), "the copied key was sent: \(run.stdout)")
            }
        }

        @Test("from-curl prints a profile table that @NAME then opens with the copy's headers and cookies")
        func fromCurlRoundTrip() async throws {
            try await withServer { server in
                let copied = server.url.replacingOccurrences(of: "ws://", with: "http://") + "/headers"
                let convert = try CommandRun([
                    "from-curl", "--name", "app",
                    "curl '\(copied)' -H 'Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==' -H $'X-Quote: \"it\\'s\" \\u00e9' -b 'sid=abc'",
                ])
                #expect(try await convert.waitForExit() == 0, "stderr: \(convert.stderr)")
                #expect(convert.stdout.hasPrefix("[profiles.app]\n"), "\(convert.stdout)")
                let (directory, _) = try configHome(convert.stdout)
                defer { try? FileManager.default.removeItem(at: directory) }
                let run = try CommandRun(["--dump", "@app"], environment: ["XDG_CONFIG_HOME": directory.path])
                try await run.waitForOutput("the request echoed") { $0.contains("← TEXT") }
                run.closeInput()
                #expect(try await run.waitForExit() == 0, "stderr: \(run.stderr)")
                #expect(run.stdout.contains("X-Quote: \"it's\" é"), "\(run.stdout)")
                #expect(run.stdout.contains("Cookie: sid=abc"))
                #expect(!run.stdout.contains("AAAAAAAAAAAAAAAAAAAAAA=="))
            }
        }

        @Test("a --curl that cannot be used is one sentence and exit 2")
        func curlError() async throws {
            let run = try CommandRun(
                ["--dump", "--curl", "curl 'wss://a.test/' -X POST"],
                environment: ["XDG_CONFIG_HOME": "/nonexistent"])
            #expect(try await run.waitForExit() == 2)
            #expect(
                run.stderr == "wsinspect: --curl: it is a POST request, and a WebSocket opens with GET; copy the "
                    + "request whose status is 101 (see wsinspect --help)\n")
        }
    }
}
