import Foundation
import WebSocketCore

/// Reads the WebSocket connections of any HAR file: ours, Chrome's, mitmproxy's, HTTP Toolkit's.
///
/// An entry is a WebSocket connection when its `_resourceType` is `websocket` or it has `_webSocketMessages`;
/// other entries (pages, images, XHR) are skipped and counted. A message's `data` is text for opcode 1 and base64
/// for every other opcode (Chrome's rule). Anything malformed is an error naming the JSON path.
package enum HARReader {
    /// What a HAR held.
    package struct Result: Sendable, Hashable {
        /// The WebSocket connections.
        package var capture: Capture
        /// How many entries were not WebSocket connections.
        package var skippedEntries: Int
    }

    /// Reads the HAR at `path`.
    package static func read(path: String) throws(CaptureError) -> Result {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CaptureError(file: path, path: nil, problem: "cannot be read (does it exist?)")
        }
        return try parse(data, file: path)
    }

    /// Parses HAR text; `file` names it in errors.
    package static func parse(_ data: Data, file: String) throws(CaptureError) -> Result {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw CaptureError(file: file, path: nil, problem: "is not JSON (is it a HAR file?)")
        }
        let reader = Reader(file: file)
        let log = try reader.object(reader.object(root, "")["log"], "log")
        let entries = try reader.array(log["entries"], "log.entries")
        var connections: [CapturedConnection] = []
        var skipped = 0
        for (index, value) in entries.enumerated() {
            let path = "log.entries[\(index)]"
            let entry = try reader.object(value, path)
            let isWebSocket = (entry["_resourceType"] as? String)?.lowercased() == "websocket" || entry["_webSocketMessages"] != nil
            guard isWebSocket else {
                skipped += 1
                continue
            }
            connections.append(try reader.connection(entry, path))
        }
        let comment = log["comment"] as? String
        return Result(capture: Capture(connections: connections, comment: comment), skippedEntries: skipped)
    }

    /// Walks the parsed JSON, naming the path of whatever is wrong.
    private struct Reader {
        let file: String

        func fail(_ path: String, _ problem: String) -> CaptureError {
            CaptureError(file: file, path: path.isEmpty ? nil : path, problem: problem)
        }

        func object(_ value: Any?, _ path: String) throws(CaptureError) -> [String: Any] {
            guard let value else { throw fail(path, "missing") }
            guard let object = value as? [String: Any] else { throw fail(path, "not an object") }
            return object
        }

        func array(_ value: Any?, _ path: String) throws(CaptureError) -> [Any] {
            guard let value else { throw fail(path, "missing") }
            guard let array = value as? [Any] else { throw fail(path, "not an array") }
            return array
        }

        func string(_ value: Any?, _ path: String) throws(CaptureError) -> String {
            guard let value else { throw fail(path, "missing") }
            guard let string = value as? String else { throw fail(path, "not a string") }
            return string
        }

        func number(_ value: Any?, _ path: String) throws(CaptureError) -> Double {
            guard let value else { throw fail(path, "missing") }
            // JSONSerialization gives booleans as NSNumber too (type code "c"); a HAR number is never true or false.
            guard let number = value as? NSNumber, String(cString: number.objCType) != "c" else {
                throw fail(path, "not a number")
            }
            return number.doubleValue
        }

        func connection(_ entry: [String: Any], _ path: String) throws(CaptureError) -> CapturedConnection {
            let request = try object(entry["request"], path + ".request")
            let response = try object(entry["response"], path + ".response")
            let started = try string(entry["startedDateTime"], path + ".startedDateTime")
            guard let startedAt = HARReader.date(started) else {
                throw fail(path + ".startedDateTime", "\"\(started)\" is not an ISO 8601 time")
            }
            var connection = CapturedConnection(
                url: try string(request["url"], path + ".request.url"), startedAt: startedAt,
                httpVersion: (request["httpVersion"] as? String) ?? "HTTP/1.1",
                requestHeaders: try headers(request["headers"], path + ".request.headers"),
                status: try status(response["status"], path + ".response.status"),
                statusText: (response["statusText"] as? String) ?? "",
                responseHeaders: try headers(response["headers"], path + ".response.headers"))
            let messages = entry["_webSocketMessages"].map { [$0] } ?? []
            for value in messages {
                for (index, element) in try array(value, path + "._webSocketMessages").enumerated() {
                    connection.messages.append(try message(element, path + "._webSocketMessages[\(index)]"))
                }
            }
            if let close = entry["_webSocketClose"] {
                connection.close = try self.close(close, path + "._webSocketClose")
            }
            return connection
        }

        /// An HTTP status: a whole number from 0 to 999 (`Int(Double)` would trap on 1e300).
        func status(_ value: Any?, _ path: String) throws(CaptureError) -> Int {
            let number = try number(value, path)
            guard let status = Int(exactly: number), (0...999).contains(status) else {
                throw fail(path, "\(number) is not an HTTP status")
            }
            return status
        }

        func headers(_ value: Any?, _ path: String) throws(CaptureError) -> [CapturedHeader] {
            guard let value else { return [] }
            var headers: [CapturedHeader] = []
            for (index, element) in try array(value, path).enumerated() {
                let header = try object(element, path + "[\(index)]")
                headers.append(
                    CapturedHeader(
                        name: try string(header["name"], path + "[\(index)].name"),
                        value: try string(header["value"], path + "[\(index)].value")))
            }
            return headers
        }

        func message(_ value: Any, _ path: String) throws(CaptureError) -> CapturedMessage {
            let message = try object(value, path)
            let type = try string(message["type"], path + ".type")
            let direction: CapturedMessage.Direction
            switch type {
            case "send": direction = .sent
            case "receive": direction = .received
            default: throw fail(path + ".type", "\"\(type)\" is neither \"send\" nor \"receive\"")
            }
            let time = try number(message["time"], path + ".time")
            let opcodeValue = try number(message["opcode"], path + ".opcode")
            guard let opcode = UInt8(exactly: opcodeValue), opcode <= 0x0F else {
                throw fail(path + ".opcode", "\(opcodeValue) is not a WebSocket opcode (0–15)")
            }
            let data = try string(message["data"], path + ".data")
            let payload: [UInt8]
            if opcode == 1 {
                payload = Array(data.utf8)
            } else {
                guard let bytes = Base64.decode(data) else { throw fail(path + ".data", "not valid base64") }
                payload = bytes
            }
            return CapturedMessage(direction: direction, time: Date(timeIntervalSince1970: time), opcode: opcode, payload: payload)
        }

        func close(_ value: Any, _ path: String) throws(CaptureError) -> CapturedClose {
            let close = try object(value, path)
            var code: UInt16?
            if let raw = close["code"] {
                let number = try number(raw, path + ".code")
                guard let exact = UInt16(exactly: number) else { throw fail(path + ".code", "\(number) is not a close code") }
                code = exact
            }
            let reason = try close["reason"].map { value throws(CaptureError) in try string(value, path + ".reason") } ?? ""
            let seconds = try (close["time"] ?? close["timestamp"]).map { value throws(CaptureError) in
                try number(value, path + (close["time"] != nil ? ".time" : ".timestamp"))
            }
            return CapturedClose(code: code, reason: reason, time: Date(timeIntervalSince1970: seconds ?? 0))
        }
    }

    /// An ISO 8601 time with or without fractional seconds (see ``ISOTime``).
    static func date(_ text: String) -> Date? { ISOTime.parse(text) }
}
