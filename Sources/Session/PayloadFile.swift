import Foundation
import Inspector

/// Writes a payload to a file for `w`: exactly its bytes, and never over an existing file unless the user
/// confirmed (the first attempt creates the file exclusively, so a file that appears meanwhile is not replaced).
enum PayloadFile {
    /// What happened.
    enum Outcome: Equatable {
        /// Written whole.
        case written
        /// The path exists and `overwrite` was false; nothing was written.
        case exists
        /// The system said no, in its words.
        case failed(String)
    }

    /// Writes `bytes` to `path` (`~` expanded); replaces an existing file only when `overwrite`.
    static func save(_ bytes: [UInt8], to path: String, overwrite: Bool) -> Outcome {
        let path = NSString(string: path).expandingTildeInPath
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (overwrite ? O_TRUNC : O_EXCL)
        let descriptor = open(path, flags, 0o644)
        guard descriptor >= 0 else {
            return errno == EEXIST ? .exists : .failed(String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                return .failed(String(cString: strerror(errno)))
            }
            offset += written
        }
        return .written
    }
}

extension InspectorSession {
    /// `w`: writes the payload, asks before replacing a file, and says in the log what happened.
    func save(_ bytes: [UInt8], to path: String, overwrite: Bool, in state: inout InspectorState) {
        switch PayloadFile.save(bytes, to: path, overwrite: overwrite) {
        case .written: note("wrote \(bytes.count) bytes to \(path)", in: &state)
        case .exists: state.askToOverwrite(path: path, bytes: bytes)
        case .failed(let reason): note("not saved: \(path): \(reason)", isError: true, in: &state)
        }
    }
}
