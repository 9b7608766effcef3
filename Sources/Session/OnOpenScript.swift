import Foundation
import Inspector
import WebSocketCore

/// An on-open script: what to send after every successful connect, in order, so that auth and subscribe messages
/// survive a reconnect (`--on-open FILE`; ``OnOpenRunner`` runs it).
///
/// One step per line. A line is sent as a text message, except:
/// - a blank line, which is skipped;
/// - `//text`, which sends `/text` (a message that starts with a slash);
/// - `/hex 01 02 ff`, `/base64 AQL/`: a binary message;
/// - `/ping [text]`: a ping (payload at most 125 bytes);
/// - `/sleep 200ms` (or `2s`, `1.5s`): a pause;
/// - `/wait <regex>`: wait up to 10 s for a received text message that matches.
package struct OnOpenScript: Sendable, Hashable {
    /// One thing the script does.
    package enum Step: Sendable, Hashable {
        /// Send a text message.
        case sendText(String)
        /// Send a binary message.
        case sendBinary([UInt8])
        /// Send a ping with this payload.
        case ping([UInt8])
        /// Pause before the next step.
        case sleep(Duration)
        /// Wait for a received text message matching `pattern` (a regular expression), up to `timeout`.
        case wait(pattern: String, timeout: Duration)
    }

    /// How long `/wait` waits.
    package static let waitTimeout = Duration.seconds(10)
    /// The longest `/sleep`, so a typo cannot stall every reconnect for hours.
    package static let maxSleep = Duration.seconds(600)

    /// The steps, in order.
    package let steps: [Step]

    /// A script of these steps (a capture replayed from the inspector builds one).
    package init(steps: [Step]) { self.steps = steps }

    /// Parses the script `text` read from `file` (named in errors).
    package init(parsing text: String, file: String) throws(OnOpenScriptError) {
        var steps: [Step] = []
        // "\r\n" is one Character, and a newline one: CRLF and LF files read alike.
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            do {
                if let step = try Self.step(String(line)) { steps.append(step) }
            } catch {
                throw OnOpenScriptError(file: file, line: index + 1, problem: error.problem)
            }
        }
        self.steps = steps
    }

    /// Reads and parses the script at `path`.
    package init(contentsOf path: String) throws(OnOpenScriptError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw OnOpenScriptError(file: path, line: nil, problem: "cannot be read (does it exist?)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw OnOpenScriptError(file: path, line: nil, problem: "is not UTF-8 text")
        }
        try self.init(parsing: text, file: path)
    }

    private struct LineProblem: Error { let problem: String }

    private static func step(_ line: String) throws(LineProblem) -> Step? {
        if line.allSatisfy(\.isWhitespace) { return nil }
        if line.hasPrefix("//") { return .sendText(String(line.dropFirst())) }
        guard line.hasPrefix("/") else { return .sendText(line) }
        let command = line.dropFirst().prefix(while: { !$0.isWhitespace })
        let argument = String(line.dropFirst(1 + command.count).drop(while: \.isWhitespace))
        switch command {
        case "hex":
            switch ComposeParser.decodeHex(argument) {
            case .success(let bytes): return .sendBinary(bytes)
            case .failure(let error): throw LineProblem(problem: "/hex: \(error)")
            }
        case "base64":
            guard !argument.isEmpty, let bytes = Base64.decode(argument) else {
                throw LineProblem(problem: "/base64: \"\(argument)\" is not base64")
            }
            return .sendBinary(bytes)
        case "ping":
            let payload = Array(argument.utf8)
            guard payload.count <= 125 else {
                throw LineProblem(problem: "/ping: the payload is \(payload.count) bytes; a ping carries at most 125")
            }
            return .ping(payload)
        case "sleep":
            guard let duration = duration(argument) else {
                throw LineProblem(problem: "/sleep: \"\(argument)\" is not a duration such as 200ms, 2s or 1.5s")
            }
            guard duration <= maxSleep else { throw LineProblem(problem: "/sleep: at most 600s") }
            return .sleep(duration)
        case "wait":
            guard !argument.isEmpty else { throw LineProblem(problem: "/wait needs a regular expression") }
            guard (try? NSRegularExpression(pattern: argument)) != nil else {
                throw LineProblem(problem: "/wait: \"\(argument)\" is not a valid regular expression")
            }
            return .wait(pattern: argument, timeout: waitTimeout)
        default:
            throw LineProblem(
                problem: "unknown command /\(command) (use /hex, /base64, /ping, /sleep, /wait, or // for a message starting with /)")
        }
    }

    /// `200ms`, `2s`, `1.5s`.
    private static func duration(_ text: String) -> Duration? {
        let (number, scale): (Substring, Double) =
            text.hasSuffix("ms") ? (text.dropLast(2), 1e-3) : text.hasSuffix("s") ? (text.dropLast(), 1) : ("", 0)
        guard let value = Double(number), value >= 0, value.isFinite else { return nil }
        return .milliseconds(Int64((value * scale * 1000).rounded()))
    }
}

/// A script line that cannot be run, named by file and line.
package struct OnOpenScriptError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The script's path.
    package let file: String
    /// The 1-based line, or nil for a problem with the whole file.
    package let line: Int?
    /// What is wrong, in a sentence.
    package let problem: String

    /// `on-open script auth.txt, line 3: /sleep: "soon" is not a duration such as 200ms, 2s or 1.5s`.
    package var description: String {
        "on-open script \(file)" + (line.map { ", line \($0)" } ?? "") + ": " + problem
    }
}
