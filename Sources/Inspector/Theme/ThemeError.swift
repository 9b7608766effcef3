/// A theme that could not be found or read, or a line of one that does not parse.
package struct ThemeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file (or theme name) at fault.
    package var file: String
    /// The 1-based line number, when a line is at fault.
    package var line: Int?
    /// What is wrong.
    package var message: String

    /// Creates an error.
    package init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, the shape compilers use, so editors can jump to it.
    package var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}
