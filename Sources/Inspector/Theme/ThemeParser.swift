/// Reads the theme text format:
///
/// ```
/// # comment
/// role = FOREGROUND [on BACKGROUND] [, attribute ...]
/// status-bar = color255 | bright-white | white on color24 | blue, bold
/// ```
/// A colour is a list of choices separated by `|`, richest first. The first comma-separated item may also be an
/// attribute, for colourless styles such as `selection = reverse`.
package enum ThemeParser {
    /// The attribute names.
    package static let attributes = ["bold", "dim", "underline", "reverse"]

    /// Parses `text`; `file` names it in errors.
    package static func parse(_ text: String, name: String, file: String) throws(ThemeError) -> Theme {
        var roles: [ThemeRole: RoleStyle] = [:]
        var setOn: [ThemeRole: Int] = [:]
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            func fail(_ message: String) -> ThemeError { ThemeError(file: file, line: number, message: message) }
            let line = rawLine.prefix(while: { $0 != "#" }).trimmingCharacters(in: " \t\r")
            if line.isEmpty { continue }
            guard let equals = line.firstIndex(of: "=") else { throw fail("expected `role = colour [on colour] [, attribute]`") }
            let roleName = line[..<equals].trimmingCharacters(in: " \t")
            guard let role = ThemeRole(rawValue: roleName) else {
                throw fail("unknown role '\(SafeText.escape(roleName))'")
            }
            if let previous = setOn[role] { throw fail("role '\(roleName)' already set on line \(previous)") }
            roles[role] = try parseStyle(String(line[line.index(after: equals)...]), fail: fail)
            setOn[role] = number
        }
        return Theme(name: name, roles: roles)
    }

    private static func parseStyle(_ text: String, fail: (String) -> ThemeError) throws(ThemeError) -> RoleStyle {
        var items = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: " \t") }
        var style = RoleStyle()
        guard let first = items.first, !first.isEmpty else { throw fail("missing style after '='") }
        if !attributes.contains(first.lowercased()) {
            items.removeFirst()
            let parts = first.components(separatedByWord: "on")
            guard parts.count <= 2 else { throw fail("more than one 'on' in '\(SafeText.escape(first))'") }
            style.foreground = try colours(parts[0], fail: fail)
            if parts.count == 2 { style.background = try colours(parts[1], fail: fail) }
        }
        for item in items {
            switch item.lowercased() {
            case "bold": style.bold = true
            case "dim": style.dim = true
            case "underline": style.underline = true
            case "reverse": style.reverse = true
            case "": throw fail("empty attribute (a stray comma?)")
            default:
                throw fail("unknown attribute '\(SafeText.escape(item))' (use bold, dim, underline or reverse)")
            }
        }
        return style
    }

    private static func colours(_ text: String, fail: (String) -> ThemeError) throws(ThemeError) -> [TerminalColor] {
        let names = text.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: " \t") }
        var result: [TerminalColor] = []
        for name in names {
            if name.isEmpty { throw fail("missing colour") }
            guard let colour = TerminalColor(name: name) else {
                throw fail(
                    "unknown colour '\(SafeText.escape(name))' (use default, black…white, bright-black…bright-white or color0…color255)")
            }
            result.append(colour)
        }
        return result
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }

    /// Splits at a whole word surrounded by white space, e.g. `"red on blue"` at `on`.
    func components(separatedByWord word: String) -> [String] {
        let tokens = split(whereSeparator: { $0 == " " || $0 == "\t" }).map { Substring($0) }
        var parts: [[Substring]] = [[]]
        for token in tokens {
            if token.lowercased() == word { parts.append([]) } else { parts[parts.count - 1].append(token) }
        }
        return parts.map { $0.joined(separator: " ") }
    }
}
