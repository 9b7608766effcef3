import Foundation
import TOMLKit

/// The config file: defaults for the flags (`[defaults]`) and named profiles (`[profiles.NAME]`).
///
/// Values are checked for their TOML type here; whether a key names a real flag and whether its value suits it
/// is for the command line to say (it owns the flags), with ``ConfigError`` pointing at the key.
package struct ConfigFile: Sendable {
    /// The file's path, as messages name it.
    package let path: String
    /// `[defaults]`: flags applied before any profile and the command line.
    package let defaults: [Setting]
    /// `[profiles.*]`, sorted by name.
    package let profiles: [Profile]

    /// Reads and checks the file at `path`.
    package static func load(path: String) throws(ConfigError) -> ConfigFile {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError(
                file: path, line: nil, keyPath: nil,
                problem: "cannot be read as UTF-8 text; check its permissions and encoding")
        }
        return try parse(text, path: path)
    }

    /// Checks `text` as the file at `path` (which messages name).
    package static func parse(_ text: String, path: String) throws(ConfigError) -> ConfigFile {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(
                file: path, line: error.source.begin.line, keyPath: nil,
                problem: "is not valid TOML (\(error.description)); fix that line")
        } catch {
            throw ConfigError(file: path, line: nil, keyPath: nil, problem: "is not valid TOML; fix its syntax")
        }
        let reader = Reader(path: path, locator: KeyLineLocator(text: text))
        var defaults: [Setting] = []
        var profiles: [Profile] = []
        for key in root.keys {
            guard let value = root[key] else { continue }
            switch key {
            case "defaults":
                let table = try reader.table(value, at: ["defaults"])
                defaults = try reader.settings(of: table, at: ["defaults"], skipping: [])
            case "profiles":
                let table = try reader.table(value, at: ["profiles"])
                for name in table.keys {
                    guard let entry = table[name] else { continue }
                    profiles.append(try reader.profile(named: name, entry))
                }
            default:
                throw reader.error(at: [key], "is not a section this file has; use [defaults] or [profiles.NAME]")
            }
        }
        for setting in defaults where ["url", "on-open"].contains(setting.flag) {
            throw reader.error(
                at: setting.keyPath.split(separator: ".").map(String.init),
                "belongs in a [profiles.NAME] table, not in [defaults]")
        }
        return ConfigFile(path: path, defaults: defaults, profiles: profiles.sorted { $0.name < $1.name })
    }

    /// The profile called `name`, if the file has it.
    package func profile(named name: String) -> Profile? { profiles.first { $0.name == name } }

    /// Turns TOMLKit values into settings, with the file and line in every error.
    private struct Reader {
        let path: String
        let locator: KeyLineLocator

        func error(at keyPath: [String], _ problem: String) -> ConfigError {
            ConfigError(
                file: path, line: locator.line(of: keyPath), keyPath: keyPath.joined(separator: "."),
                problem: problem)
        }

        func table(_ value: TOMLValueConvertible, at keyPath: [String]) throws(ConfigError) -> TOMLTable {
            guard let table = value.table else { throw error(at: keyPath, "must be a table, like [\(keyPath.joined(separator: "."))]") }
            return table
        }

        func profile(named name: String, _ value: TOMLValueConvertible) throws(ConfigError) -> Profile {
            let keyPath = ["profiles", name]
            let table = try self.table(value, at: keyPath)
            var url: String?
            if let entry = table["url"] {
                guard let text = entry.string, !text.isEmpty else {
                    throw error(at: keyPath + ["url"], "must be a non-empty string in quotes")
                }
                url = text
            }
            // Every other key, `on_open` included, is a flag (`--on-open`).
            let settings = try settings(of: table, at: keyPath, skipping: ["url"])
            return Profile(name: name, url: url, settings: settings, line: locator.line(of: keyPath))
        }

        func settings(of table: TOMLTable, at prefix: [String], skipping: Set<String>) throws(ConfigError) -> [Setting] {
            var settings: [Setting] = []
            for key in table.keys where !skipping.contains(key) {
                guard let entry = table[key] else { continue }
                let keyPath = prefix + [key]
                let flag = Setting.flagName(forKey: key)
                let value =
                    try LayeredArguments.headerFlags.contains(flag) && entry.type == .table
                    ? headerTable(entry, at: keyPath) : value(of: entry, at: keyPath)
                settings.append(
                    Setting(
                        flag: flag, keyPath: keyPath.joined(separator: "."),
                        line: locator.line(of: keyPath), value: value))
            }
            return settings
        }

        /// `[profiles.x.headers]` with `Name = "value"` lines, as the list `["Name: value", …]`.
        func headerTable(_ entry: TOMLValueConvertible, at keyPath: [String]) throws(ConfigError) -> Setting.Value {
            let table = try self.table(entry, at: keyPath)
            var items: [String] = []
            for name in table.keys {
                guard let text = table[name]?.string else {
                    throw error(at: keyPath + [name], "must be a string in quotes (the header's value)")
                }
                items.append("\(name): \(text)")
            }
            return .list(items)
        }

        func value(of entry: TOMLValueConvertible, at keyPath: [String]) throws(ConfigError) -> Setting.Value {
            switch entry.type {
            case .bool: return .flag(entry.bool ?? false)
            case .string: return .text(entry.string ?? "")
            case .int: return .text(String(entry.int ?? 0))
            case .double: return .text(String(entry.double ?? 0))
            case .array:
                var items: [String] = []
                for item in entry.array ?? TOMLArray() {
                    guard let text = item.string else {
                        throw error(at: keyPath, "must be a list of strings in quotes, like [\"a\", \"b\"]")
                    }
                    items.append(text)
                }
                return .list(items)
            default:
                throw error(at: keyPath, "must be a string, a number, true or false, or a list of strings")
            }
        }
    }
}
