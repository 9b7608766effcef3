/// How the compose box reads what was typed.
package enum ComposeMode: String, Sendable, Hashable, CaseIterable {
    /// Sent as a text message, as typed.
    case text
    /// Hex byte pairs, contiguous or separated by white space, sent as a binary message.
    case hex
    /// Base64, sent as a binary message.
    case base64

    /// The next mode in the `Ctrl-T` cycle.
    package var next: ComposeMode {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// The upper-case label the compose box shows.
    package var label: String { rawValue.uppercased() }
}
