/// Command-line arguments built from the layers that set flags, lowest first: the config's `[defaults]`, then a
/// profile, then what was typed. A higher layer wins: a single-value flag it sets drops the lower ones, a list
/// flag it sets (`subprotocol`) replaces theirs, and a header it sets drops the lower headers of that name only,
/// so a profile's `Authorization` and a typed `-H 'X-Debug: 1'` are both sent.
package enum LayeredArguments {
    /// One flag's worth of arguments from a layer.
    package struct Entry: Equatable, Sendable {
        /// The long flag name without dashes, or `url` for the positional URL.
        package let flag: String
        /// The arguments it stands for: `["--ping-interval", "5"]`, `["wss://…"]`.
        package let arguments: [String]
        /// For a header flag, the header's name, which decides what a higher layer overrides.
        package let headerName: String?

        /// An entry for `flag` with its `arguments`.
        package init(flag: String, arguments: [String], headerName: String? = nil) {
            self.flag = flag
            self.arguments = arguments
            self.headerName = headerName
        }
    }

    /// Flags whose values are headers, merged by header name.
    package static let headerFlags: Set<String> = ["header", "proxy-header"]
    /// Flags that cannot be used together: setting one in a higher layer drops the other from lower ones.
    package static let exclusiveFlags: [Set<String>] = [["proxy", "no-proxy"]]

    /// `lower`'s entries that no entry of `higher` overrides.
    package static func surviving(_ lower: [Entry], under higher: [Entry]) -> [Entry] {
        lower.filter { entry in
            !higher.contains { above in overrides(above, entry) }
        }
    }

    /// The arguments of `layers` (lowest first) that survive every higher layer, in layer order.
    package static func arguments(_ layers: [[Entry]]) -> [String] {
        var result: [String] = []
        for (index, layer) in layers.enumerated() {
            let higher = layers[(index + 1)...].flatMap { $0 }
            result += surviving(layer, under: higher).flatMap(\.arguments)
        }
        return result
    }

    private static func overrides(_ above: Entry, _ entry: Entry) -> Bool {
        if above.flag == entry.flag {
            guard headerFlags.contains(entry.flag) else { return true }
            return above.headerName?.lowercased() == entry.headerName?.lowercased()
        }
        return exclusiveFlags.contains { $0.contains(above.flag) && $0.contains(entry.flag) }
    }
}
