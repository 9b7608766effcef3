/// A capture that cannot be read: the file, where in it, and what is wrong, in one sentence.
public struct CaptureError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file's path as given.
    public let file: String
    /// Where in the file: a JSON path such as `log.entries[3]._webSocketMessages[17].data`, or nil for the whole.
    public let path: String?
    /// What is wrong.
    public let problem: String

    /// An error in `file` at `path`.
    public init(file: String, path: String?, problem: String) {
        self.file = file
        self.path = path
        self.problem = problem
    }

    /// `capture.har: log.entries[3]._webSocketMessages[17].data: not valid base64`.
    public var description: String { file + ": " + (path.map { $0 + ": " } ?? "") + problem }
}
