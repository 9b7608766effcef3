/// A problem with the config file, said as one sentence that names the file, the line (when it can be found)
/// and the key, and what to do about it.
package struct ConfigError: Error, Equatable, CustomStringConvertible {
    /// The whole message, e.g. `/home/a/.config/wsinspect/config.toml line 4, profiles.staging.headers: …`.
    package let description: String

    /// A message about `keyPath` (dotted) at `line` of `file`; `problem` ends the sentence with its next step.
    package init(file: String, line: Int?, keyPath: String?, problem: String) {
        var place = file
        if let line { place += " line \(line)" }
        if let keyPath, !keyPath.isEmpty { place += ", \(keyPath)" }
        description = "\(place): \(problem)"
    }
}
