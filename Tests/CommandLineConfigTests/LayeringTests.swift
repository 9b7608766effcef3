import CommandLineConfig
import Testing

/// Precedence: built-in default < config `[defaults]` < profile < typed flags.
@Suite("Layered arguments and environment expansion")
struct LayeringTests {
    private let converter = SettingArguments(path: "/c/config.toml", environment: ["TOKEN": "t0k", "EMPTY": ""])

    private func setting(_ flag: String, _ value: Setting.Value, line: Int = 1) -> Setting {
        Setting(flag: flag, keyPath: "profiles.p.\(flag)", line: line, value: value)
    }

    @Test("a higher layer replaces single values and subprotocol lists, and headers of the same name only")
    func precedence() throws {
        let defaults = try converter.entries(for: [
            setting("ping-interval", .text("5")), setting("header", .list(["X-Client: config", "X-Keep: 1"])),
            setting("subprotocol", .list(["a"])), setting("no-proxy", .flag(true)),
        ])
        let profile = try converter.entries(
            for: [
                setting("ping-interval", .text("7")), setting("header", .list(["x-client: profile"])),
                setting("proxy", .text("http://127.0.0.1:3128")),
            ], url: "wss://p.test/")
        let typed = [LayeredArguments.Entry(flag: "subprotocol", arguments: ["-s", "b"])]
        #expect(
            LayeredArguments.arguments([defaults, profile, typed]) == [
                "--header=X-Keep: 1",
                "wss://p.test/", "--ping-interval=7", "--header=x-client: profile", "--proxy=http://127.0.0.1:3128",
                "-s", "b",
            ])
        // Without the profile, the config's values stand.
        #expect(
            LayeredArguments.arguments([defaults, []]) == [
                "--ping-interval=5", "--header=X-Client: config", "--header=X-Keep: 1", "--subprotocol=a", "--no-proxy",
            ])
    }

    @Test("a typed URL drops the profile's; false leaves a flag off")
    func urlAndFalse() throws {
        let profile = try converter.entries(for: [setting("insecure", .flag(false))], url: "wss://p.test/")
        #expect(profile.map(\.flag) == ["url"])
        #expect(LayeredArguments.arguments([profile, [.init(flag: "url", arguments: ["ws://typed/"])]]) == ["ws://typed/"])
    }

    @Test("${VAR} in header values reads the environment; an unset one is an error naming it")
    func expansion() throws {
        let entries = try converter.entries(for: setting("header", .list(["Authorization: Bearer ${TOKEN}${EMPTY}"])))
        #expect(entries.map(\.arguments) == [["--header=Authorization: Bearer t0k"]])
        #expect(entries.first?.headerName == "Authorization")
        // Only header values are expanded: a theme path keeps its dollar sign.
        #expect(try converter.entries(for: setting("theme", .text("${TOKEN}"))).map(\.arguments) == [["--theme=${TOKEN}"]])
        #expect(
            throws: ConfigError(
                file: "/c/config.toml", line: 4, keyPath: "profiles.p.header",
                problem: "the environment variable MISSING is not set; export it or change the value")
        ) {
            try converter.entries(for: setting("header", .list(["A: ${MISSING}"]), line: 4))
        }
        #expect(throws: EnvironmentExpansion.Failure.malformed("${1X}")) {
            try EnvironmentExpansion.expand("${1X}", environment: [:])
        }
        #expect(throws: EnvironmentExpansion.Failure.malformed("${OPEN")) {
            try EnvironmentExpansion.expand("a ${OPEN", environment: [:])
        }
        #expect(try EnvironmentExpansion.expand("$HOME and $", environment: ["HOME": "/h"]) == "$HOME and $")
    }
}
