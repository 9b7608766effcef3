import Foundation

/// Config settings as command-line arguments, with `${NAME}` in header values read from the environment.
package struct SettingArguments {
    /// The config file's path, for messages.
    package let path: String
    /// The environment `${NAME}` reads.
    package let environment: [String: String]

    /// A converter for settings from the file at `path`.
    package init(path: String, environment: [String: String]) {
        self.path = path
        self.environment = environment
    }

    /// The entries `setting` stands for: one per list element, none for `false`.
    package func entries(for setting: Setting) throws(ConfigError) -> [LayeredArguments.Entry] {
        let option = "--" + setting.flag
        switch setting.value {
        case .flag(let on):
            return on ? [LayeredArguments.Entry(flag: setting.flag, arguments: [option])] : []
        case .text(let text):
            return [try entry(setting, option: option, text: text)]
        case .list(let items):
            var entries: [LayeredArguments.Entry] = []
            for item in items { entries.append(try entry(setting, option: option, text: item)) }
            return entries
        }
    }

    /// The entries of a whole layer: `[defaults]`, or a profile with its URL first.
    package func entries(for settings: [Setting], url: String? = nil) throws(ConfigError) -> [LayeredArguments.Entry] {
        var entries = url.map { [LayeredArguments.Entry(flag: "url", arguments: [$0])] } ?? []
        for setting in settings { entries += try self.entries(for: setting) }
        return entries
    }

    private func entry(_ setting: Setting, option: String, text: String) throws(ConfigError) -> LayeredArguments.Entry {
        guard LayeredArguments.headerFlags.contains(setting.flag) else {
            // `--flag=value`: one argument, so a value that starts with a dash is not read as a flag.
            return LayeredArguments.Entry(flag: setting.flag, arguments: ["\(option)=\(text)"])
        }
        let expanded: String
        do {
            expanded = try EnvironmentExpansion.expand(text, environment: environment)
        } catch {
            throw ConfigError(file: path, line: setting.line, keyPath: setting.keyPath, problem: error.problem)
        }
        let name = expanded.split(separator: ":", maxSplits: 1).first.map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        return LayeredArguments.Entry(flag: setting.flag, arguments: ["\(option)=\(expanded)"], headerName: name)
    }
}
