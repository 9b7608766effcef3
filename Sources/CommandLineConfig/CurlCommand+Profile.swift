import TOMLKit

extension CurlCommand {
    /// The request as a `[profiles.NAME]` table for the config file, so a copied request can be kept and opened
    /// later with `wsinspect @NAME`. TOMLKit writes it, so every value is quoted and escaped as TOML wants.
    package func profileTable(named name: String) -> String {
        let profile = TOMLTable()
        profile["url"] = url
        if !headers.isEmpty { profile["headers"] = TOMLArray(headers.map { "\($0.name): \($0.value)" } as [TOMLValueConvertible]) }
        if !subprotocols.isEmpty { profile["subprotocols"] = TOMLArray(subprotocols as [TOMLValueConvertible]) }
        let profiles = TOMLTable()
        profiles[name] = profile
        let root = TOMLTable()
        root["profiles"] = profiles
        return root.convert(to: .toml, options: [.allowUnicodeStrings])
    }
}
