/// A run of text with one theme role, the unit formatters hand to views.
package struct StyledSpan: Sendable, Hashable {
    /// Printable text (already passed through ``SafeText`` where it came from a peer).
    package var text: String
    /// How to draw it.
    package var role: ThemeRole

    /// Creates a span.
    package init(_ text: String, _ role: ThemeRole = .normal) {
        self.text = text
        self.role = role
    }
}

/// One line of styled text.
package struct StyledLine: Sendable, Hashable, ExpressibleByStringLiteral {
    /// The runs, left to right.
    package var spans: [StyledSpan]

    /// Creates a line from spans.
    package init(_ spans: [StyledSpan] = []) { self.spans = spans }

    /// Creates a line of one span.
    package init(_ text: String, _ role: ThemeRole) { self.spans = [StyledSpan(text, role)] }

    /// A plain line, so tests and formatters can write `"text"`.
    package init(stringLiteral value: String) { self.spans = [StyledSpan(value)] }

    /// The text without styles.
    package var text: String { spans.map(\.text).joined() }

    /// Appends a span.
    package mutating func append(_ text: String, _ role: ThemeRole = .normal) {
        spans.append(StyledSpan(text, role))
    }
}
