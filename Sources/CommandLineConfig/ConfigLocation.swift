/// Where the config file is: `$XDG_CONFIG_HOME/wsinspect/config.toml`, or `~/.config/wsinspect/config.toml` when
/// `XDG_CONFIG_HOME` is unset or empty (the XDG Base Directory rule; a relative value is ignored, as it says).
package enum ConfigLocation {
    /// The config file's path for `environment`, or `nil` with neither `XDG_CONFIG_HOME` nor `HOME`.
    package static func path(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/wsinspect/config.toml" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.config/wsinspect/config.toml"
    }
}
