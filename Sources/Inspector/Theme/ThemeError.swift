/// A theme that could not be found or read, or a line of one that does not parse.
public struct ThemeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file (or theme name) at fault.
    public var file: String
    /// The 1-based line number, when a line is at fault.
    public var line: Int?
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, the shape compilers use, so editors can jump to it.
    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}
