import CommandLineConfig
import Testing

@Suite("Config file")
struct ConfigFileTests {
    static let sample = """
        # wsinspect's config
        [defaults]
        ping_interval = 5
        insecure = false
        header = ["X-Client: wsinspect"]

        [profiles.staging]
        url = "wss://staging.example.test/socket"
        headers = ["Authorization: Bearer ${TOKEN}", "X-Client: staging"]
        subprotocols = ["chat"]
        proxy = "http://127.0.0.1:3128"
        cacert = "/etc/ssl/staging.pem"
        on_open = "~/scripts/login.txt"

        [profiles.local]
        url = "ws://127.0.0.1:8765/echo"
        """

    @Test("defaults and profiles are read with their lines; on_open is the --on-open flag")
    func reads() throws {
        let config = try ConfigFile.parse(Self.sample, path: "/c/config.toml")
        #expect(
            config.defaults.sorted { $0.keyPath < $1.keyPath }
                == [
                    Setting(flag: "header", keyPath: "defaults.header", line: 5, value: .list(["X-Client: wsinspect"])),
                    Setting(flag: "insecure", keyPath: "defaults.insecure", line: 4, value: .flag(false)),
                    Setting(flag: "ping-interval", keyPath: "defaults.ping_interval", line: 3, value: .text("5")),
                ].sorted { $0.keyPath < $1.keyPath })
        #expect(config.profiles.map(\.name) == ["local", "staging"])
        let staging = try #require(config.profile(named: "staging"))
        #expect(staging.url == "wss://staging.example.test/socket")
        #expect(staging.line == 7)
        #expect(Set(staging.settings.map(\.flag)) == ["header", "subprotocol", "proxy", "cacert", "on-open"])
    }

    @Test("headers may be a table of name = value")
    func headerTable() throws {
        let config = try ConfigFile.parse(
            """
            [profiles.t]
            url = "ws://127.0.0.1:1/"

            [profiles.t.headers]
            Authorization = "Bearer ${TOKEN}"
            X-Client = "wsinspect"
            """, path: "/c/config.toml")
        let profile = try #require(config.profile(named: "t"))
        #expect(
            profile.settings == [
                Setting(
                    flag: "header", keyPath: "profiles.t.headers", line: 4,
                    value: .list(["Authorization: Bearer ${TOKEN}", "X-Client: wsinspect"]))
            ])
    }

    @Test(
        "each error names the file, the line and the key",
        arguments: [
            ("[defaults]\nping_interval = \n", "/c/config.toml line 2: is not valid TOML"),
            ("colour = 1\n", "/c/config.toml line 1, colour: is not a section this file has; use [defaults] or [profiles.NAME]"),
            ("defaults = 3\n", "/c/config.toml line 1, defaults: must be a table, like [defaults]"),
            ("[profiles]\nstaging = 1\n", "/c/config.toml line 2, profiles.staging: must be a table, like [profiles.staging]"),
            ("[profiles.a]\nurl = 5\n", "/c/config.toml line 2, profiles.a.url: must be a non-empty string in quotes"),
            (
                "[profiles.a]\nheaders = [1, 2]\n",
                "/c/config.toml line 2, profiles.a.headers: must be a list of strings in quotes, like [\"a\", \"b\"]"
            ),
            (
                "[defaults]\ntheme = { name = \"x\" }\n",
                "/c/config.toml line 2, defaults.theme: must be a string, a number, true or false, or a list of strings"
            ),
            (
                "[profiles.a.headers]\nX-A = 1\n",
                "/c/config.toml line 2, profiles.a.headers.X-A: must be a string in quotes (the header's value)"
            ),
            (
                "[defaults]\nurl = \"ws://a\"\n",
                "/c/config.toml line 2, defaults.url: belongs in a [profiles.NAME] table, not in [defaults]"
            ),
        ])
    func errors(text: String, message: String) {
        do {
            _ = try ConfigFile.parse(text, path: "/c/config.toml")
            Issue.record("no error for \(text)")
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
        }
    }

    @Test("the file's path follows XDG_CONFIG_HOME, then HOME")
    func location() {
        #expect(ConfigLocation.path(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/wsinspect/config.toml")
        #expect(ConfigLocation.path(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/h"]) == "/h/.config/wsinspect/config.toml")
        #expect(ConfigLocation.path(environment: [:]) == nil)
    }
}
