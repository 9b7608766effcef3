import Inspector

/// The man page sections the argument parser cannot know: KEY BINDINGS from the key table (the help overlay's
/// source) and EXIT STATUS from ``ExitStatus``, as mdoc. `Scripts/install.sh` splices them into the page that
/// swift-argument-parser's generate-manual writes, replacing its generic EXIT STATUS.
enum ManualSections {
    /// Both sections, as mdoc lines.
    static func mdoc(bindings: KeyBindings = .standard) -> [String] {
        keyBindings(bindings) + exitStatus()
    }

    static func keyBindings(_ bindings: KeyBindings) -> [String] {
        var lines = [".Sh KEY BINDINGS", "Press", ".Sy h", "or", ".Sy F1", "in the inspector for the same list."]
        for context in FocusContext.allCases {
            let entries = bindings.bindings.filter { $0.context == context }
            guard !entries.isEmpty else { continue }
            lines.append(".Ss " + quoted(context.title))
            lines.append(".Bl -tag -width Ds")
            for binding in entries {
                let keys = binding.keys.map(name).joined(separator: ", ")
                lines.append(".It Sy " + quoted(keys))
                lines.append(text(binding.help))
            }
            if context == .compose || context == .filterPrompt {
                lines += [".It Sy " + quoted("other keys"), "type text"]
            }
            lines.append(".El")
        }
        lines += [".Ss " + quoted("Compose commands"), ".Bl -tag -width Ds"]
        for command in ComposeParser.commands {
            lines += [".It Li " + quoted(command.usage), text(command.summary)]
        }
        lines.append(".El")
        return lines
    }

    static func exitStatus() -> [String] {
        var lines = [".Sh EXIT STATUS", ".Bl -tag -width Ds"]
        for status in ExitStatus.allCases {
            lines += [".It \(status.rawValue)", text(status.meaning)]
        }
        lines.append(".El")
        return lines
    }

    /// Key names in ASCII: a man page is read on terminals of every encoding.
    private static func name(_ key: Key) -> String {
        switch key {
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        default: return key.displayName
        }
    }

    /// A macro argument: quoted, so key names such as `Ar` or `No` are not read as macros.
    private static func quoted(_ string: String) -> String {
        "\"" + escape(string).replacingOccurrences(of: "\"", with: "\\(dq") + "\""
    }

    /// A text line: `\&` keeps a leading `.` or `'` from being read as a request.
    private static func text(_ string: String) -> String {
        let escaped = escape(string)
        return escaped.hasPrefix(".") || escaped.hasPrefix("'") ? "\\&" + escaped : escaped
    }

    /// Backslashes escaped, and the few non-ASCII characters of the help texts spelled in ASCII (others as groff
    /// Unicode escapes), so the page renders the same in any locale.
    private static func escape(_ string: String) -> String {
        var result = ""
        for scalar in string.replacingOccurrences(of: "\\", with: "\\e").unicodeScalars {
            switch scalar {
            case "→": result += "->"
            case "←": result += "<-"
            case "↑": result += "Up"
            case "↓": result += "Down"
            case "≤": result += "<="
            case "–", "—": result += "-"
            case "…": result += "..."
            case "·": result += "-"
            default:
                if scalar.isASCII {
                    result.unicodeScalars.append(scalar)
                } else {
                    result += "\\[u" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4) + "]"
                }
            }
        }
        return result
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
