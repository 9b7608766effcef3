/// The one-line prompt drawn where the compose box is: the filter (`&`) or a search (`/`, `?`).
public struct Prompt: Sendable {
    /// What Enter does with the text.
    public enum Kind: Sendable, Hashable {
        /// Show only rows whose preview matches.
        case filter
        /// Find the next match in this direction.
        case search(SearchDirection)
    }

    /// What the prompt is for.
    public let kind: Kind
    /// The text typed so far.
    public internal(set) var input: TextBuffer
    /// Why the last pattern was refused.
    public internal(set) var error: String?

    /// Creates a prompt holding `text`.
    public init(_ kind: Kind, text: String = "") {
        self.kind = kind
        input = TextBuffer(text)
    }

    /// The key that opened it, drawn before the text as less and vim do.
    public var symbol: String {
        switch kind {
        case .filter: return "&"
        case .search(.forward): return "/"
        case .search(.backward): return "?"
        }
    }
}
