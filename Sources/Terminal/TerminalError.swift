/// A failure of the terminal layer itself (no terminal, no descriptors), reported before the screen is taken over.
package struct TerminalError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    package let message: String

    /// Creates an error.
    package init(_ message: String) { self.message = message }

    /// The message.
    package var description: String { message }
}
