import Foundation
import Inspector

/// Writes `--record FILE`: every record as one JSON Lines line, the moment it is logged, with credentials hidden
/// (``InspectorRecord/redacted()``) whatever the screen shows.
///
/// Each line goes to the kernel with its own `write(2)` (FileHandle does not buffer), so if the inspector is
/// killed or crashes, every record logged before that is in the file.
package final class RecordWriter {
    private let handle: FileHandle
    /// The file being written.
    package let path: String
    /// The first write error, after which writing stops (reported once, not on every record).
    package private(set) var failure: String?

    /// Opens the file for appending, creating it readable by its owner only (0600): a recording holds the
    /// session's traffic. An existing file keeps its content and mode. Throws a readable error when the file
    /// cannot be opened for writing.
    package init(path: String) throws {
        self.path = path
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            let reason =
                code == ENOENT
                ? "cannot create the file: its directory does not exist"
                : "cannot open the file for writing (\(String(cString: strerror(code))))"
            throw RecordWriterError(path: path, reason: reason)
        }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        // Appending to a file whose last line is unfinished would glue the first record onto it.
        if Self.endsMidLine(path) { try? handle.write(contentsOf: Data([0x0A])) }
    }

    deinit { try? handle.close() }

    /// Appends one record's line. Returns the error text the first time a write fails, so the caller can show it.
    @discardableResult
    package func write(_ record: InspectorRecord) -> String? {
        guard failure == nil else { return nil }
        let hidden = record.redacted()
        do {
            let line = JSONLinesRecord.line(for: hidden ?? record, redacted: hidden != nil)
            try handle.write(contentsOf: Data(line.utf8))
            return nil
        } catch {
            failure = "recording to \(path) stopped: \(error.localizedDescription)"
            return failure
        }
    }

    /// Whether `path` is a non-empty regular file whose last byte is not a line feed. Read through a descriptor
    /// of its own: the one written to may be write-only, and a pipe or terminal has no last byte.
    private static func endsMidLine(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 else { return false }
        var last: UInt8 = 0
        return pread(descriptor, &last, 1, off_t(info.st_size - 1)) == 1 && last != 0x0A
    }
}

/// Why the record file could not be opened.
package struct RecordWriterError: Error, Sendable, CustomStringConvertible {
    /// The file.
    package let path: String
    /// Why.
    package let reason: String
    /// `--record PATH: reason`.
    package var description: String { "--record \(path): \(reason)" }
}
