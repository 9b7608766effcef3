import Foundation
import Inspector
import WebSockets

/// A problem with what the user asked for (a flag, URL, theme or record file): one line on stderr, exit status 2.
struct UsageFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A problem at run time (no terminal, no server): one line on stderr, exit status 1.
struct RuntimeFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The one way a message reaches the terminal outside the inspector's screen and `--dump`'s lines.
///
/// A message may quote a flag, an environment variable, a URL or a server's words, any of which can hold an
/// escape sequence or a password; so every line goes through the URL redaction and ``SafeText``, as peer text
/// does, and always stays one line.
enum ErrorOutput {
    /// `text` as it may be shown: URL passwords as `***`, control characters as inert placeholders.
    static func printable(_ text: String) -> String { SafeText.escape(Redaction.urls(in: text)) }

    /// Writes `prefix: text` and a newline to stderr.
    static func write(_ text: String, prefix: String = "wsinspect") {
        FileHandle.standardError.write(Data("\(prefix): \(printable(text))\n".utf8))
    }
}
