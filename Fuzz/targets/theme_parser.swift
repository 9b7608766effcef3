/// The theme file parser, on any text a user might put in a theme file.
///
/// Properties: an error names a line that exists and shows no raw control character (what the user typed is
/// escaped); a theme that parses, written back out in the canonical form, parses to the same theme; comments and
/// blank lines change nothing.
@_cdecl("LLVMFuzzerTestOneInput")
public func themeParserFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let text = String(decoding: input.rest(), as: UTF8.self)
    let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
    do {
        let theme = try ThemeParser.parse(text, name: "fuzz", file: "fuzz.theme")
        let canonical = ThemeRole.allCases.compactMap { role in theme.roles[role].map { "\(role.rawValue) = \(render($0))" } }
        let reparsed = try? ThemeParser.parse("# written back\n\n" + canonical.joined(separator: "\n"), name: "fuzz", file: "x")
        require(reparsed == theme, "written back as \(canonical), the theme changed")
    } catch {
        require(error.line.map { (1...lineCount).contains($0) } ?? false, "error on line \(String(describing: error.line)) of \(lineCount)")
        require(
            !error.description.unicodeScalars.contains(where: isControl), "raw control character in \(error.description.debugDescription)")
    }
    return 0
}

/// C0, DEL and C1: what must never reach a terminal from a message.
func isControl(_ scalar: Unicode.Scalar) -> Bool { scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) }

private func render(_ style: RoleStyle) -> String {
    func colours(_ list: [TerminalColor]) -> String {
        list.map { colour in
            switch colour {
            case .terminalDefault: "default"
            case .indexed(let index): "color\(index)"
            }
        }.joined(separator: " | ")
    }
    let attributes = [(style.bold, "bold"), (style.dim, "dim"), (style.underline, "underline"), (style.reverse, "reverse")]
    return ([colours(style.foreground) + " on " + colours(style.background)] + attributes.filter(\.0).map(\.1)).joined(separator: ", ")
}
