/// The one-line prompt drawn where the compose box is: the filter (`&`), a search (`/`, `?`), or the path of a
/// payload being saved (`w`) and the confirmation to replace a file.
package struct Prompt: Sendable {
    /// What Enter does with the text.
    package enum Kind: Sendable, Hashable {
        /// Show only rows whose preview matches.
        case filter
        /// Find the next match in this direction.
        case search(SearchDirection)
        /// Write these payload bytes to the path typed (`w`).
        case savePath([UInt8])
        /// The file at `path` exists: replace it with `bytes` only on `y`.
        case confirmOverwrite(path: String, bytes: [UInt8])
        /// Replay connection `connection` of the capture to the URL typed (`r` in a capture view).
        case replayURL(connection: Int)
    }

    /// What the prompt is for.
    package let kind: Kind
    /// The text typed so far.
    package internal(set) var input: TextBuffer
    /// Why the last pattern was refused.
    package internal(set) var error: String?

    /// Creates a prompt holding `text`.
    package init(_ kind: Kind, text: String = "") {
        self.kind = kind
        input = TextBuffer(text)
    }

    /// The key that opened it, drawn before the text as less and vim do.
    package var symbol: String {
        switch kind {
        case .filter: return "&"
        case .search(.forward): return "/"
        case .search(.backward): return "?"
        case .savePath: return "save to: "
        case .replayURL(let connection): return "replay connection \(connection) to: "
        case .confirmOverwrite(let path, _): return "\(SafeText.escape(path)) exists; overwrite it? (y/N) "
        }
    }
}
