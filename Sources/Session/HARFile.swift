import Captures
import Foundation

/// Writes a HAR file the way `--har` and `/export` need: whole or not at all. The text goes to a temporary file
/// beside the target, is flushed to disk, and is renamed over it, so a reader (or a crash half-way) never sees
/// half a file. A new file is readable by its owner only (0600): it holds the session's traffic.
package enum HARFile {
    /// Writes `collector`'s capture to `path`; credentials hidden unless `showsSecrets`, control frames and the
    /// close only with `includeControlFrames`. `creator` names this program in the file.
    package static func write(
        _ collector: HARCollector, to path: String, showsSecrets: Bool, includeControlFrames: Bool,
        creator: (name: String, version: String)
    ) throws(HARFileError) {
        let capture = collector.capture(showsSecrets: showsSecrets)
        try write(HARWriter.har(capture, creator: creator, includeControlFrames: includeControlFrames), to: path)
    }

    /// Writes `text` to `path` atomically (temporary file, fsync, rename); `what` names the file in errors.
    package static func write(_ text: String, to path: String, what: String = "HAR file") throws(HARFileError) {
        let directory = (path as NSString).deletingLastPathComponent
        let template = (directory.isEmpty ? "." : directory) + "/.\((path as NSString).lastPathComponent).XXXXXX"
        var name = Array(template.utf8CString)
        let descriptor = mkstemp(&name)
        guard descriptor >= 0 else { throw HARFileError(path: path, reason: reason(errno), what: what) }
        let temporary = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var bytes = Array(text.utf8)
        var written = 0
        var failure: Int32 = 0
        while written < bytes.count {
            let count = bytes.withUnsafeMutableBytes { Foundation.write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                failure = errno
                break
            }
            written += count
        }
        bytes = []
        if failure == 0 && fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        if failure == 0 && rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw HARFileError(path: path, reason: reason(failure), what: what)
        }
    }

    /// Fails early, before a session starts, when `path` could not be written at the end: its directory is
    /// missing or not writable, or it is a directory.
    package static func checkWritable(_ path: String) throws(HARFileError) {
        let directory = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw HARFileError(path: path, reason: "it is a directory; give a file name such as session.har")
        }
        let folder = directory.isEmpty ? "." : directory
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw HARFileError(path: path, reason: "its directory does not exist; create it or choose another path")
        }
        guard access(folder, W_OK) == 0 else {
            throw HARFileError(path: path, reason: "its directory is not writable; choose another path")
        }
    }

    private static func reason(_ code: Int32) -> String {
        code == ENOENT
            ? "its directory does not exist; create it or choose another path"
            : "cannot write it (\(String(cString: strerror(code)))); choose another path"
    }
}

/// Why a HAR (or JSON Lines) file could not be written, in one sentence naming the file.
package struct HARFileError: Error, Sendable, CustomStringConvertible {
    /// The file.
    package let path: String
    /// Why, and what to do.
    package let reason: String
    /// What the file is: `HAR file`, `JSON Lines file`.
    package var what = "HAR file"

    /// The file at `path` could not be written, for `reason`.
    package init(path: String, reason: String, what: String = "HAR file") {
        self.path = path
        self.reason = reason
        self.what = what
    }

    /// `HAR file PATH: reason`.
    package var description: String { "\(what) \(path): \(reason)" }
}
