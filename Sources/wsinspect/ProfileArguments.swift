import ArgumentParser
import CommandLineConfig
import Foundation

/// Whether checks that pair two flags (`--cert` and `--key`, `--max-record-bytes` under `--log-memory`) wait:
/// set while what was typed is parsed on its own, since the partner may come from the config file.
enum PairedFlagChecks {
    /// True while the typed arguments are parsed alone.
    @TaskLocal static var deferred = false
}

/// What `WSInspectCommand` parses: the config file's `[defaults]`, then the `@NAME` profile, then what was typed,
/// a higher layer overriding a lower one (see `LayeredArguments`). A config problem is a usage error naming the
/// file, line and key.
enum ProfileArguments {
    /// Config keys that are not settings: they print something and exit, or are typed per use.
    private static let notSettings: Set<String> = ["help", "version", "key-bindings", "manual-sections", "curl"]

    /// The arguments to parse for `typed` (without the program name), reading the config file `environment` points at.
    static func resolve(_ typed: [String], environment: [String: String]) throws -> [String] {
        let (profileName, rest) = try splitProfile(typed)
        // What was typed is checked on its own first, so --help, --version and typing mistakes read as without a config;
        // a flag whose partner may come from the config (--key for its --cert) is checked once the layers are joined.
        let command = try PairedFlagChecks.$deferred.withValue(true) { try WSInspectCommand.parse(rest) }
        guard let path = ConfigLocation.path(environment: environment), FileManager.default.fileExists(atPath: path)
        else {
            if let profileName {
                let place = ConfigLocation.path(environment: environment) ?? "$XDG_CONFIG_HOME/wsinspect/config.toml"
                throw UsageFailure(
                    "@\(profileName) needs a config file, and there is none at \(place); create it with a [profiles.\(profileName)] table")
            }
            return rest
        }
        let config: ConfigFile
        let converter = SettingArguments(path: path, environment: environment)
        do {
            config = try ConfigFile.load(path: path)
        } catch {
            throw UsageFailure(error.description)
        }
        let defaults = try checkedLayer(config.defaults, url: nil, converter: converter, table: "[defaults]")
        var profile: [LayeredArguments.Entry] = []
        if let profileName {
            guard let found = config.profile(named: profileName) else {
                throw UsageFailure("\(path) has no profile \(profileName); wsinspect profiles lists the ones it has")
            }
            profile = try checkedLayer(
                found.settings, url: found.url, converter: converter,
                table: "[profiles.\(profileName)]")
        }
        let arguments = LayeredArguments.arguments([defaults, profile, entries(typedIn: command)]) + rest
        do {
            _ = try WSInspectCommand.parse(arguments)
        } catch {
            // A mistake in what was typed alone reads as it would without a config.
            _ = try WSInspectCommand.parse(rest)
            throw UsageFailure("\(firstLine(of: error)) (with the settings from \(path))")
        }
        return arguments
    }

    /// `@NAME` picked out of `typed`: the profile's name and the other arguments.
    private static func splitProfile(_ typed: [String]) throws -> (String?, [String]) {
        let picks = typed.filter { $0.hasPrefix("@") && $0.count > 1 }
        guard picks.count <= 1 else { throw UsageFailure("\(picks.joined(separator: " ")): open one profile at a time") }
        guard let pick = picks.first else { return (nil, typed) }
        return (String(pick.dropFirst()), typed.filter { $0 != pick })
    }

    /// The entries of one config table, checked against the flags. When the table as a whole does not parse, the
    /// message names an unknown key, else the key without which it parses, else the whole table.
    private static func checkedLayer(
        _ settings: [Setting], url: String?, converter: SettingArguments, table: String
    ) throws -> [LayeredArguments.Entry] {
        var all: [LayeredArguments.Entry] = url.map { [LayeredArguments.Entry(flag: "url", arguments: [$0])] } ?? []
        var perSetting: [(Setting, [LayeredArguments.Entry])] = []
        for setting in settings {
            if notSettings.contains(setting.flag) {
                throw failure(setting, converter, "is not a setting (it is typed per use); remove it")
            }
            let entries: [LayeredArguments.Entry]
            do {
                entries = try converter.entries(for: setting)
            } catch {
                throw UsageFailure(error.description)
            }
            all += entries
            perSetting.append((setting, entries))
        }
        do {
            _ = try WSInspectCommand.parse(all.flatMap(\.arguments))
        } catch {
            let message = firstLine(of: error)
            // An unknown key first: it is the plainest mistake, and it would spoil every other check.
            for (setting, entries) in perSetting where firstLine(ofParsing: entries).hasPrefix("Unknown option") {
                throw failure(
                    setting, converter,
                    "is not a wsinspect flag; use the long flags of wsinspect --help without the dashes")
            }
            // Then the key without which the table parses (a bad value, or --cert without --key).
            for (setting, _) in perSetting {
                let others = perSetting.filter { $0.0.keyPath != setting.keyPath }.flatMap(\.1)
                if parses(others) { throw failure(setting, converter, inSentence(message) + "; change it in that file") }
            }
            throw UsageFailure("\(converter.path) \(table): \(message)")
        }
        return all
    }

    /// ArgumentParser's capitalised message as the middle of our sentence.
    private static func inSentence(_ message: String) -> String {
        message.first.map { $0.lowercased() + message.dropFirst() } ?? message
    }

    private static func parses(_ entries: [LayeredArguments.Entry]) -> Bool {
        (try? WSInspectCommand.parse(entries.flatMap(\.arguments))) != nil
    }

    private static func firstLine(ofParsing entries: [LayeredArguments.Entry]) -> String {
        do {
            _ = try WSInspectCommand.parse(entries.flatMap(\.arguments))
            return ""
        } catch {
            return firstLine(of: error)
        }
    }

    private static func failure(_ setting: Setting, _ converter: SettingArguments, _ problem: String) -> UsageFailure {
        UsageFailure(
            ConfigError(file: converter.path, line: setting.line, keyPath: setting.keyPath, problem: problem)
                .description)
    }

    /// What the typed arguments set, as entries that override the config's (their arguments follow as typed).
    private static func entries(typedIn command: WSInspectCommand) -> [LayeredArguments.Entry] {
        let flags = command.connection
        var entries: [LayeredArguments.Entry] = []
        if command.url != nil || command.curl != nil { entries.append(.init(flag: "url", arguments: [])) }
        for (flag, values) in [("header", flags.header), ("proxy-header", flags.proxyHeader)] {
            for value in values {
                entries.append(.init(flag: flag, arguments: [], headerName: ConnectionFlags.splitHeader(value)?.name))
            }
        }
        if !flags.subprotocol.isEmpty { entries.append(.init(flag: "subprotocol", arguments: [])) }
        if flags.proxy != nil { entries.append(.init(flag: "proxy", arguments: [])) }
        if flags.noProxy { entries.append(.init(flag: "no-proxy", arguments: [])) }
        // Single-value flags need no entry: the typed ones come last, and the last value of a flag is the one kept.
        return entries
    }

    /// ArgumentParser's message for `error`, first line only, in the one-line style of the other usage errors.
    private static func firstLine(of error: any Error) -> String {
        WSInspectCommand.message(for: error).split(separator: "\n").first.map(String.init) ?? "bad arguments"
    }
}
