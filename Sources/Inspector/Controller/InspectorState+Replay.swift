import Foundation

/// One connection of a capture shown by `wsinspect open`: the id of its first record in the log and its URL.
package struct CaptureConnection: Sendable, Hashable {
    /// The id of the connection's first record (its handshake request).
    package var firstRecordID: UInt64
    /// The URL it was opened to.
    package var url: String

    /// Creates one.
    package init(firstRecordID: UInt64, url: String) {
        self.firstRecordID = firstRecordID
        self.url = url
    }
}

/// What `r` in a capture view asked for: replay connection `connection` (from 1) of the capture to `url`.
package struct ReplayRequest: Sendable, Hashable {
    /// The capture's connection, from 1 (as `--connection`).
    package var connection: Int
    /// The server to replay to.
    package var url: String
}

/// `r` in a capture view: ask for a URL, then end the UI loop with a ``ReplayRequest`` for the caller to run.
extension InspectorState {
    /// The connection (from 1) the record `id` belongs to: the last one starting at or before it.
    func captureConnection(of id: UInt64) -> Int {
        max(1, captureConnections.lastIndex { $0.firstRecordID <= id }.map { $0 + 1 } ?? 1)
    }

    /// `r`: the URL prompt, holding the selected row's connection's own URL.
    mutating func startReplay() {
        guard captureSummary != nil else { return }
        let connection = log.selectedItem.map { captureConnection(of: $0.firstRecord.id) } ?? 1
        let url = captureConnections.indices.contains(connection - 1) ? captureConnections[connection - 1].url : ""
        prompt = Prompt(.replayURL(connection: connection), text: url)
    }

    /// Enter in the replay prompt: a URL the session can connect to ends the loop; anything else is said in one
    /// sentence and the prompt stays.
    mutating func applyReplayPrompt(connection: Int, text: String) -> [InspectorEffect] {
        let url = text.trimmingCharacters(in: .whitespaces)
        if let problem = Self.replayURLProblem(url) {
            prompt?.error = problem
            return []
        }
        prompt = nil
        replayRequest = ReplayRequest(connection: connection, url: url)
        return [.quit]
    }

    /// Why `url` cannot be replayed to, in one sentence, or `nil` when it can.
    static func replayURLProblem(_ url: String) -> String? {
        guard !url.isEmpty else { return "type a URL to replay to, e.g. ws://127.0.0.1:8765/echo" }
        let schemes = ["ws", "wss", "http", "https"]
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), schemes.contains(scheme),
            let host = parsed.host, !host.isEmpty
        else {
            return "not a URL to replay to: use ws://, wss://, http:// or https:// and a host"
        }
        return nil
    }
}

extension InspectorState {
    /// Forgets the replay request, once its caller has taken it.
    package mutating func clearReplayRequest() { replayRequest = nil }
}
