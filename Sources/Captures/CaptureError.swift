import Foundation
import WebSocketCore

/// A capture that cannot be read: the file, where in it, and what is wrong, in one sentence.
package struct CaptureError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file's path as given.
    package let file: String
    /// Where in the file: a JSON path such as `log.entries[3]._webSocketMessages[17].data`, or nil for the whole.
    package let path: String?
    /// What is wrong.
    package let problem: String
    /// The line, for a file read a line at a time (JSON Lines); `nil` for a HAR, whose `path` says where.
    package let line: Int?

    /// An error in `file` at `path` (and on `line` of a JSON Lines file).
    package init(file: String, line: Int? = nil, path: String?, problem: String) {
        self.file = file
        self.line = line
        self.path = path
        self.problem = problem
    }

    /// `capture.har: log.entries[3]._webSocketMessages[17].data: not valid base64`, or for JSON Lines
    /// `session.jsonl: line 12: payload: not valid base64`.
    /// Parts that come from the file (a member name, a value quoted in the problem) have their control and bidi
    /// characters escaped: the sentence goes to a terminal.
    package var description: String {
        file + ": " + (line.map { "line \($0): " } ?? "") + (path.map { Self.inert($0) + ": " } ?? "") + Self.inert(problem)
    }

    /// `text` with every character a terminal would act on written as `\u{…}`.
    static func inert(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: InertText.needsEscaping) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if InertText.needsEscaping(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension CaptureError {
    /// The bytes of the capture file at `path`, or the error that says it cannot be read.
    package static func contents(of path: String) throws(CaptureError) -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CaptureError(file: path, path: nil, problem: "cannot be read (does it exist?)")
        }
        return data
    }
}
