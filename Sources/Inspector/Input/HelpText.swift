/// The help overlay's text, generated from the binding table so it can never miss a binding.
package enum HelpText {
    /// Lines for `bindings`: a section per context, a line per binding, then the compose commands and the log's
    /// flag legend.
    package static func lines(for bindings: KeyBindings) -> [StyledLine] {
        var lines: [StyledLine] = []
        let keyColumn = 24
        for context in FocusContext.allCases {
            let entries = bindings.bindings.filter { $0.context == context }
            guard !entries.isEmpty else { continue }
            if !lines.isEmpty { lines.append(StyledLine()) }
            lines.append(StyledLine(context.title, .title))
            for binding in entries {
                let keys = binding.keys.map(\.displayName).joined(separator: ", ")
                var line = StyledLine()
                line.append("  " + DisplayWidth.pad(keys, to: keyColumn - 2) + " ", .label)
                line.append(binding.help)
                lines.append(line)
            }
            if context == .compose || context == .filterPrompt {
                lines.append(
                    StyledLine([
                        StyledSpan("  " + DisplayWidth.pad("other keys", to: keyColumn - 2) + " ", .label),
                        StyledSpan("type text"),
                    ]))
            }
        }
        lines.append(StyledLine())
        lines.append(StyledLine("Compose commands", .title))
        for command in ComposeParser.commands {
            lines.append(
                StyledLine([
                    StyledSpan("  " + DisplayWidth.pad(command.usage, to: keyColumn - 2) + " ", .label),
                    StyledSpan(command.summary),
                ]))
        }
        lines.append(StyledLine())
        lines.append(StyledLine("Log columns", .title))
        lines.append("  time  →sent ←received ·local  opcode  F=FIN -=more fragments z=compressed  size  preview")
        lines.append("  in the message view (m): ×N=frames of the message, … while its last frame is missing")
        lines.append("  relay: #N connection, C→S S→C forwarded, →S →C sent by the relay; HELD FWD DROP EDITED, EDIT INJECT")
        return lines
    }
}
