import Foundation
import WebSocketCore

/// Writes a ``Capture`` as a HAR 1.2 file in the shape Chrome DevTools exports and imports: one entry per
/// connection with `_resourceType: "websocket"` and `_webSocketMessages`.
///
/// Each message is `{type, time, opcode, data}`: `type` is `send` or `receive`, `time` Unix seconds as a fraction,
/// `data` the text itself for opcode 1 and base64 for every other opcode (Chrome's rule; it has no encoding flag).
/// Chrome lists whole data messages only, so control frames and the close are written only with
/// `includeControlFrames`; its importer accepts opcodes 8–10 with base64 data and labels them. The close goes in
/// `_webSocketClose`, as HTTP Toolkit writes it. Header redaction is the caller's: a capture holds what it is given.
package enum HARWriter {
    /// The HAR text for `capture`, from `creator` (name and version).
    package static func har(
        _ capture: Capture, creator: (name: String, version: String), includeControlFrames: Bool = false
    ) -> String {
        var creatorObject = JSONObjectWriter()
        creatorObject.add("name", string: creator.name)
        creatorObject.add("version", string: creator.version)
        var log = JSONObjectWriter()
        log.add("version", string: "1.2")
        log.add("creator", json: creatorObject.finish())
        log.add("pages", json: "[]")
        log.add("entries", json: JSONObjectWriter.array(capture.connections.map { entry($0, includeControlFrames) }))
        if let comment = capture.comment { log.add("comment", string: comment) }
        var root = JSONObjectWriter()
        root.add("log", json: log.finish())
        return root.finish() + "\n"
    }

    private static func entry(_ connection: CapturedConnection, _ includeControlFrames: Bool) -> String {
        var request = JSONObjectWriter()
        request.add("method", string: "GET")
        request.add("url", string: connection.url)
        request.add("httpVersion", string: connection.httpVersion)
        request.add("headers", json: headers(connection.requestHeaders))
        request.add("queryString", json: "[]")
        request.add("cookies", json: "[]")
        request.add("headersSize", number: "-1")
        request.add("bodySize", number: "0")

        var content = JSONObjectWriter()
        content.add("size", number: "0")
        content.add("mimeType", string: "x-unknown")
        var response = JSONObjectWriter()
        response.add("status", number: String(connection.status))
        response.add("statusText", string: connection.statusText)
        response.add("httpVersion", string: connection.httpVersion)
        response.add("headers", json: headers(connection.responseHeaders))
        response.add("cookies", json: "[]")
        response.add("content", json: content.finish())
        response.add("redirectURL", string: "")
        response.add("headersSize", number: "-1")
        response.add("bodySize", number: "0")

        let end = connection.close?.time ?? connection.messages.last?.time ?? connection.startedAt
        let milliseconds = max(0, end.timeIntervalSince(connection.startedAt) * 1000)
        var timings = JSONObjectWriter()
        for phase in ["blocked", "dns", "connect", "send", "ssl"] { timings.add(phase, number: "-1") }
        timings.add("wait", number: seconds(milliseconds))
        timings.add("receive", number: "0")

        var entry = JSONObjectWriter()
        entry.add("startedDateTime", string: isoTime(connection.startedAt))
        entry.add("time", number: seconds(milliseconds))
        entry.add("request", json: request.finish())
        entry.add("response", json: response.finish())
        entry.add("cache", json: "{}")
        entry.add("timings", json: timings.finish())
        entry.add("_resourceType", string: "websocket")
        let messages = connection.messages.filter { includeControlFrames || $0.opcode == 1 || $0.opcode == 2 }
        entry.add("_webSocketMessages", json: JSONObjectWriter.array(messages.map(message)))
        // The close is frame detail too: Chrome writes none, so a default file stays in Chrome's shape.
        if includeControlFrames, let close = connection.close {
            var closeObject = JSONObjectWriter()
            if let code = close.code { closeObject.add("code", number: String(code)) }
            closeObject.add("reason", string: close.reason)
            // `time` as the issue and Chrome's message objects name it; `timestamp` as HTTP Toolkit names it.
            closeObject.add("time", number: seconds(close.time.timeIntervalSince1970))
            closeObject.add("timestamp", number: seconds(close.time.timeIntervalSince1970))
            entry.add("_webSocketClose", json: closeObject.finish())
        }
        return entry.finish()
    }

    private static func message(_ message: CapturedMessage) -> String {
        var object = JSONObjectWriter()
        object.add("type", string: message.direction == .sent ? "send" : "receive")
        object.add("time", number: seconds(message.time.timeIntervalSince1970))
        object.add("opcode", number: String(message.opcode))
        if message.opcode == 1, UTF8Validator.isValid(message.payload) {
            object.add("data", string: String(decoding: message.payload, as: UTF8.self))
        } else {
            object.add("data", string: Base64.encode(message.payload))
        }
        return object.finish()
    }

    private static func headers(_ headers: [CapturedHeader]) -> String {
        JSONObjectWriter.array(
            headers.map { header in
                var object = JSONObjectWriter()
                object.add("name", string: header.name)
                object.add("value", string: header.value)
                return object.finish()
            })
    }

    /// Seconds with microseconds, as JSON: `1714564800.123456`.
    static func seconds(_ value: Double) -> String { String(format: "%.6f", value) }

    /// ISO 8601 in UTC with milliseconds, as HAR's `startedDateTime`.
    static func isoTime(_ date: Date) -> String { ISOTime.format(date) }
}
