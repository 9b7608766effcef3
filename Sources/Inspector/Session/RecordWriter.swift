import Foundation

/// Writes `--record FILE`: every record as one JSON Lines line, the moment it is logged.
///
/// Each line goes to the kernel with its own `write(2)` (FileHandle does not buffer), so if the inspector is
/// killed or crashes, every record logged before that is in the file.
public final class RecordWriter {
    private let handle: FileHandle
    /// The file being written.
    public let path: String
    /// The first write error, after which writing stops (reported once, not on every record).
    public private(set) var failure: String?

    /// Creates (or truncates) the file; throws a readable error when it cannot be opened for writing.
    public init(path: String) throws {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw RecordWriterError(path: path, reason: "cannot create the file (missing directory or no permission)")
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw RecordWriterError(path: path, reason: "cannot open the file for writing")
        }
        self.handle = handle
    }

    deinit { try? handle.close() }

    /// Appends one record's line. Returns the error text the first time a write fails, so the caller can show it.
    @discardableResult
    public func write(_ record: InspectorRecord) -> String? {
        guard failure == nil else { return nil }
        do {
            try handle.write(contentsOf: Data(JSONLinesRecord.line(for: record).utf8))
            return nil
        } catch {
            failure = "recording to \(path) stopped: \(error.localizedDescription)"
            return failure
        }
    }
}

/// Why the record file could not be opened.
public struct RecordWriterError: Error, Sendable, CustomStringConvertible {
    /// The file.
    public let path: String
    /// Why.
    public let reason: String
    /// `--record PATH: reason`.
    public var description: String { "--record \(path): \(reason)" }
}
