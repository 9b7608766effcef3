/// A run of text with one theme role, the unit formatters hand to views.
public struct StyledSpan: Sendable, Hashable {
    /// Printable text (already passed through ``SafeText`` where it came from a peer).
    public var text: String
    /// How to draw it.
    public var role: ThemeRole

    /// Creates a span.
    public init(_ text: String, _ role: ThemeRole = .normal) {
        self.text = text
        self.role = role
    }
}

/// One line of styled text.
public struct StyledLine: Sendable, Hashable, ExpressibleByStringLiteral {
    /// The runs, left to right.
    public var spans: [StyledSpan]

    /// Creates a line from spans.
    public init(_ spans: [StyledSpan] = []) { self.spans = spans }

    /// Creates a line of one span.
    public init(_ text: String, _ role: ThemeRole) { self.spans = [StyledSpan(text, role)] }

    /// A plain line, so tests and formatters can write `"text"`.
    public init(stringLiteral value: String) { self.spans = [StyledSpan(value)] }

    /// The text without styles.
    public var text: String { spans.map(\.text).joined() }

    /// Appends a span.
    public mutating func append(_ text: String, _ role: ThemeRole = .normal) {
        spans.append(StyledSpan(text, role))
    }
}
