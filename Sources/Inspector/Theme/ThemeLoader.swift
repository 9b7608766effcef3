import Foundation

/// Finds the theme `--theme` asks for, honouring `NO_COLOR`.
package enum ThemeLoader {
    /// Loads a theme.
    ///
    /// - `nameOrPath` containing a `/` (or naming an existing file) is read as a file.
    /// - Otherwise it is a name: `themesDirectory/NAME` if that file exists (so an edited copy wins), else the
    ///   built-in theme of that name.
    /// - `nil` means the default, except that a non-empty `NO_COLOR` selects `mono`. An explicit `--theme` still
    ///   wins over `NO_COLOR`, as no-color.org asks of per-invocation options.
    /// - Throws: ``ThemeError`` for an unknown name, an unreadable file, or a line that does not parse.
    package static func load(
        _ nameOrPath: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        themesDirectory: URL? = nil
    ) throws(ThemeError) -> Theme {
        guard let requested = nameOrPath, !requested.isEmpty else {
            let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            return try builtin(noColor ? "mono" : "default")
        }
        if requested.contains("/") || FileManager.default.fileExists(atPath: requested) {
            return try file(URL(fileURLWithPath: requested))
        }
        if let directory = themesDirectory {
            let candidate = directory.appendingPathComponent(requested)
            if FileManager.default.fileExists(atPath: candidate.path) { return try file(candidate) }
        }
        guard BuiltinThemes.text(named: requested) != nil else {
            throw ThemeError(
                file: requested,
                message:
                    "no such theme (built in: \(BuiltinThemes.names.joined(separator: ", ")); or give a path)")
        }
        return try builtin(requested)
    }

    /// A built-in theme by name.
    package static func builtin(_ name: String) throws(ThemeError) -> Theme {
        guard let text = BuiltinThemes.text(named: name) else {
            throw ThemeError(file: name, message: "no such built-in theme")
        }
        return try ThemeParser.parse(text, name: name, file: "themes/\(name)")
    }

    /// A theme file; its name is the file name.
    package static func file(_ url: URL) throws(ThemeError) -> Theme {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ThemeError(file: url.path, message: "cannot read theme file (\(error.localizedDescription))")
        }
        return try ThemeParser.parse(text, name: url.lastPathComponent, file: url.path)
    }
}
