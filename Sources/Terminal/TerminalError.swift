/// A failure of the terminal layer itself (no terminal, no descriptors), reported before the screen is taken over.
public struct TerminalError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public let message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
