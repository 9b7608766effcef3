import Captures
import Foundation
import WebSocketCore

/// Log records as a capture: what `/export FILE.har` writes from the log, and `wsinspect open FILE.jsonl --export
/// FILE.har` from a recording. One connection per upgrade request (`GET`; a proxy's `CONNECT` and SOCKS bytes are
/// not connections), so each reconnect is a connection of its own; whole messages rebuilt from frames (fragments
/// joined, compressed ones as they inflated); the first Close frame as the connection's close.
///
/// A connection's URL is the one named by the note before its request (the session's `connecting to URL`, or the
/// `connection 1 of 3 · URL · …` note of an opened capture), else `ws://` + its `Host` header + the request target.
/// Frames the log holds from before any request (it dropped the start) make a connection of `fallbackURL`.
package enum RecordCapture {
    /// A capture built from records, and what it could not hold whole.
    package struct Result: Sendable {
        /// The connections.
        package var capture: Capture
        /// Messages written with a payload the log had cut to its per-record limit (only their first bytes).
        package var cutMessages = 0
        /// Messages whose last fragment is not in the records (still arriving, or hidden by the filter).
        package var unfinishedMessages = 0
        /// Whether the first connection began before the records do (the log had dropped its start).
        package var startsMidConnection = false
    }

    /// The capture `records` hold. With `shown`, only what passes it is kept: a message when any of its frames
    /// does (a capture holds whole messages), a control frame when it does, a connection when any of its records
    /// does.
    package static func capture(
        from records: [InspectorRecord], fallbackURL: String, shown: ((InspectorRecord) -> Bool)? = nil
    ) -> Result {
        var builder = Builder(fallbackURL: fallbackURL, shown: shown)
        for record in records { builder.add(record) }
        return builder.finish()
    }

    /// How many connections and whole data messages `records` hold, for an opened file's status bar.
    package static func summary(of records: [InspectorRecord]) -> (connections: Int, messages: Int) {
        var connections = 0
        var messages = 0
        var inConnection = false
        for record in records {
            switch record.kind {
            case .note(let text, _):
                // A new attempt: its frames (if the log lost its upgrade) are another connection, as in `capture`.
                if url(inNote: text) != nil { inConnection = false }
            case .handshakeRequest(let bytes):
                if isUpgradeRequest(bytes) {
                    connections += 1
                    inConnection = true
                }
            case .frame(let frame, _):
                if !inConnection && record.direction != .local {
                    connections += 1
                    inConnection = true
                }
                if frame.header.fin && !frame.header.opcode.isControl { messages += 1 }
            case .handshakeResponse: break
            }
        }
        return (connections, messages)
    }

    /// Whether `bytes` are a WebSocket upgrade request's head (`GET`), not a proxy's `CONNECT` or SOCKS bytes.
    static func isUpgradeRequest(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: "GET ".utf8)
    }

    /// The URL a note names, if it is one that opens a connection.
    static func url(inNote text: String) -> String? {
        if text.hasPrefix("connecting to ") { return String(text.dropFirst("connecting to ".count)) }
        // `connection 1 of 3 · ws://… · 101 Switching Protocols` (CaptureRecords.connectionNote).
        let parts = text.components(separatedBy: " · ")
        if parts.count >= 3, parts[0].hasPrefix("connection "), parts[0].contains(" of "), parts[1].contains("://") {
            return parts[1]
        }
        return nil
    }

    private struct Building {
        var connection: CapturedConnection
        var anyShown: Bool
        var sent: Partial?
        var received: Partial?
    }

    /// A message whose frames are still arriving.
    private struct Partial {
        var message: CapturedMessage
        var shown: Bool
        var cut: Bool
    }

    private struct Builder {
        let fallbackURL: String
        let shown: ((InspectorRecord) -> Bool)?
        var result = Result(capture: Capture())
        var current: Building?
        var pendingURL: String?

        init(fallbackURL: String, shown: ((InspectorRecord) -> Bool)?) {
            self.fallbackURL = fallbackURL
            self.shown = shown
        }

        func isShown(_ record: InspectorRecord) -> Bool { shown?(record) ?? true }

        mutating func add(_ record: InspectorRecord) {
            switch record.kind {
            case .note(let text, _):
                // A new attempt begins: what follows (a proxy's answer first, perhaps) is not the last connection's.
                if let url = RecordCapture.url(inNote: text) {
                    finishConnection()
                    pendingURL = url
                }
            case .handshakeRequest(let bytes):
                guard RecordCapture.isUpgradeRequest(bytes), let head = Captures.HTTPHead(bytes) else { return }
                finishConnection()
                let url = pendingURL ?? hostURL(head)
                pendingURL = nil
                var connection = CapturedConnection(
                    url: Self.webSocketURL(url), startedAt: record.time,
                    httpVersion: head.startLine[2].isEmpty ? "HTTP/1.1" : head.startLine[2],
                    requestHeaders: head.headers, status: 0, statusText: "")
                connection.messages = []
                current = Building(connection: connection, anyShown: isShown(record))
            case .handshakeResponse(let bytes):
                // The answer to the current upgrade request; a proxy's answer comes before the request.
                guard var building = current, building.connection.status == 0, building.connection.messages.isEmpty,
                    let head = Captures.HTTPHead(bytes), head.startLine[0].hasPrefix("HTTP/"), let status = Int(head.startLine[1]),
                    (0...999).contains(status)
                else { return }
                building.connection.status = status
                building.connection.statusText = head.startLine[2]
                building.connection.responseHeaders = head.headers
                building.anyShown = building.anyShown || isShown(record)
                current = building
            case .frame(let frame, _):
                guard record.direction != .local else { return }
                if current == nil {
                    // The log begins inside a connection: its upgrade was dropped, but frames crossed, so it was a 101.
                    result.startsMidConnection = result.capture.connections.isEmpty
                    current = Building(
                        connection: CapturedConnection(url: Self.webSocketURL(pendingURL ?? fallbackURL), startedAt: record.time),
                        anyShown: false)
                    pendingURL = nil
                }
                add(frame, record)
            }
        }

        private mutating func add(_ frame: Frame, _ record: InspectorRecord) {
            guard var building = current else { return }
            current = nil  // taken out while it changes, so its arrays are not copied
            defer { current = building }
            let opcode = frame.header.opcode
            let payload = record.applicationPayload ?? frame.payload
            let direction: CapturedMessage.Direction = record.direction == .sent ? .sent : .received
            let shown = isShown(record)
            let cut = record.applicationCut != nil
            if shown { building.anyShown = true }
            if opcode.isControl {
                if opcode == .close && building.connection.close == nil {
                    let content = CloseFrameContent(payload: payload)
                    building.connection.close = CapturedClose(
                        code: content.code, reason: String(decoding: content.reason, as: UTF8.self), time: record.time)
                }
                guard shown else { return }
                if cut { result.cutMessages += 1 }
                building.connection.messages.append(
                    CapturedMessage(direction: direction, time: record.time, opcode: opcode.rawValue, payload: payload))
                return
            }
            var partial: Partial?
            if opcode == .continuation {
                // A continuation with no start in the records (the log dropped it) begins nothing.
                guard var growing = direction == .sent ? building.sent : building.received else { return }
                if direction == .sent { building.sent = nil } else { building.received = nil }  // one owner, no copy
                growing.message.payload += payload
                growing.shown = growing.shown || shown
                growing.cut = growing.cut || cut
                partial = growing
            } else {
                if (direction == .sent ? building.sent : building.received) != nil { result.unfinishedMessages += 1 }
                partial = Partial(
                    message: CapturedMessage(direction: direction, time: record.time, opcode: opcode.rawValue, payload: payload),
                    shown: shown, cut: cut)
            }
            if frame.header.fin, var whole = partial {
                // Stamped when complete, as the HAR collector and Chrome stamp a message.
                whole.message.time = record.time
                if whole.shown {
                    building.connection.messages.append(whole.message)
                    if whole.cut { result.cutMessages += 1 }
                }
                partial = nil
            }
            if direction == .sent { building.sent = partial } else { building.received = partial }
        }

        private mutating func finishConnection() {
            guard let building = current else { return }
            current = nil
            if building.sent != nil { result.unfinishedMessages += 1 }
            if building.received != nil { result.unfinishedMessages += 1 }
            guard shown == nil || building.anyShown else { return }
            result.capture.connections.append(building.connection)
        }

        mutating func finish() -> Result {
            finishConnection()
            return result
        }

        /// `ws://` + the `Host` header + the request target, for a request no note named.
        private func hostURL(_ head: Captures.HTTPHead) -> String {
            "ws://" + (head.value(of: "Host") ?? "unknown") + head.startLine[1]
        }

        /// The URL as Chrome writes a WebSocket's: `ws://` or `wss://` where it was `http://` or `https://`.
        static func webSocketURL(_ url: String) -> String {
            if url.hasPrefix("http://") { return "ws://" + url.dropFirst(7) }
            if url.hasPrefix("https://") { return "wss://" + url.dropFirst(8) }
            return url
        }
    }
}
