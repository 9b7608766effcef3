/// A capture that cannot be read: the file, where in it, and what is wrong, in one sentence.
package struct CaptureError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file's path as given.
    package let file: String
    /// Where in the file: a JSON path such as `log.entries[3]._webSocketMessages[17].data`, or nil for the whole.
    package let path: String?
    /// What is wrong.
    package let problem: String

    /// An error in `file` at `path`.
    package init(file: String, path: String?, problem: String) {
        self.file = file
        self.path = path
        self.problem = problem
    }

    /// `capture.har: log.entries[3]._webSocketMessages[17].data: not valid base64`.
    package var description: String { file + ": " + (path.map { $0 + ": " } ?? "") + problem }
}
