import Foundation

/// One flag's value from the config file, with where it was written so a message can point at it.
package struct Setting: Equatable, Sendable {
    /// What a config value can be: a switch, one value, or a repeatable flag's values.
    package enum Value: Equatable, Sendable {
        /// `insecure = true`; `false` leaves the flag off.
        case flag(Bool)
        /// `ping-interval = 5`, `theme = "mono"` (numbers are kept as they were written).
        case text(String)
        /// `header = ["A: 1", "B: 2"]`: the flag once per element.
        case list([String])
    }

    /// The long flag it sets, without dashes: `ping-interval` (from `ping_interval` or `ping-interval`;
    /// `headers` and `subprotocols` are the `header` and `subprotocol` flags).
    package let flag: String
    /// The key as written, dotted from the top: `profiles.staging.headers`.
    package let keyPath: String
    /// The line the key is on, when it could be found.
    package let line: Int?
    /// The value.
    package let value: Value

    /// A setting of `flag` to `value`, written at `keyPath` on `line`.
    package init(flag: String, keyPath: String, line: Int?, value: Value) {
        self.flag = flag
        self.keyPath = keyPath
        self.line = line
        self.value = value
    }

    /// The flag name a config key stands for: `_` as `-`, and the plural names a profile uses for list flags.
    package static func flagName(forKey key: String) -> String {
        let dashed = key.replacingOccurrences(of: "_", with: "-")
        switch dashed {
        case "headers": return "header"
        case "subprotocols": return "subprotocol"
        case "proxy-headers": return "proxy-header"
        default: return dashed
        }
    }
}

/// A `[profiles.NAME]` table: a server to open with `wsinspect @NAME`.
package struct Profile: Equatable, Sendable {
    /// The table's name, as `@NAME` selects it.
    package let name: String
    /// The server's URL, when the profile names one.
    package let url: String?
    /// Every other key, as flags (`headers`, `subprotocols`, `proxy`, `cacert`, or any long flag).
    package let settings: [Setting]
    /// The line of the `[profiles.NAME]` header, when it could be found.
    package let line: Int?
}
