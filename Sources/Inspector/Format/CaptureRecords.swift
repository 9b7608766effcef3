import Captures
import Foundation
import WebSocketCore

/// A capture's connections as log records: a note opening each connection (its URL and upgrade status), the upgrade
/// request and response rebuilt from the headers the capture kept, one frame record per message, and a note for
/// its close. A capture holds whole messages, not wire frames: each becomes one final, unmasked frame, so the wire
/// bytes shown for it are a rebuilt encoding, not what crossed; the handshake records are likewise rebuilt from the
/// header list (their order kept, their exact bytes and spacing not).
package enum CaptureRecords {
    /// The note that opens connection `number` of `count`: `connection 1 of 3 · ws://… · 101 Switching Protocols`.
    /// ``RecordCapture`` reads the URL back from it.
    package static func connectionNote(_ connection: CapturedConnection, number: Int, of count: Int) -> String {
        let status = "\(connection.status)" + (connection.statusText.isEmpty ? "" : " " + connection.statusText)
        return "connection \(number) of \(count) · \(connection.url) · \(status)"
    }

    /// The records for `capture`, numbered from 1 in order.
    package static func records(_ capture: Capture) -> [InspectorRecord] {
        var records: [InspectorRecord] = []
        forEach(capture) { records.append($0) }
        return records
    }

    /// How many records ``records(_:)`` makes, without making them.
    package static func count(_ capture: Capture) -> Int {
        capture.connections.reduce(0) { total, connection in
            total + 1 + (hasResponse(connection) ? 2 : 1) + connection.messages.count + (connection.close == nil ? 0 : 1)
        }
    }

    /// Calls `body` with each record in turn, so a large capture goes into the log without an array of them all.
    package static func forEach(_ capture: Capture, _ body: (consuming InspectorRecord) -> Void) {
        var id: UInt64 = 0
        func add(_ time: Date, _ direction: Direction, _ kind: consuming InspectorRecord.Kind) {
            id += 1
            body(InspectorRecord(id: id, time: time, direction: direction, kind: kind))
        }
        let count = capture.connections.count
        for (index, connection) in capture.connections.enumerated() {
            add(connection.startedAt, .local, .note(connectionNote(connection, number: index + 1, of: count), isError: false))
            add(connection.startedAt, .sent, .handshakeRequest(requestHead(connection)))
            if hasResponse(connection) { add(connection.startedAt, .received, .handshakeResponse(responseHead(connection))) }
            for message in connection.messages {
                let header = FrameHeader(opcode: Opcode(rawValue: message.opcode), payloadLength: UInt64(message.payload.count))
                add(
                    message.time, message.direction == .sent ? .sent : .received,
                    .frame(Frame(header: header, payload: message.payload)))
            }
            if let close = connection.close {
                let code = close.code.map(String.init) ?? "no code"
                add(
                    close.time, .local,
                    .note("connection \(index + 1) closed \(code)" + (close.reason.isEmpty ? "" : " " + close.reason), isError: false))
            }
        }
    }

    /// Whether the capture says anything of the upgrade's response (a failed upgrade in Chrome's HAR has status 0
    /// and no headers).
    private static func hasResponse(_ connection: CapturedConnection) -> Bool {
        connection.status != 0 || !connection.responseHeaders.isEmpty
    }

    /// `GET /path?query HTTP/1.1`, then the headers as listed.
    static func requestHead(_ connection: CapturedConnection) -> [UInt8] {
        var text = "GET \(requestTarget(connection.url)) \(connection.httpVersion.isEmpty ? "HTTP/1.1" : connection.httpVersion)\r\n"
        for header in connection.requestHeaders { text += "\(header.name): \(header.value)\r\n" }
        return Array((text + "\r\n").utf8)
    }

    /// `HTTP/1.1 101 Switching Protocols`, then the headers as listed.
    static func responseHead(_ connection: CapturedConnection) -> [UInt8] {
        let version = connection.httpVersion.hasPrefix("HTTP/") ? connection.httpVersion : "HTTP/1.1"
        var text = "\(version) \(connection.status)" + (connection.statusText.isEmpty ? "" : " " + connection.statusText) + "\r\n"
        for header in connection.responseHeaders { text += "\(header.name): \(header.value)\r\n" }
        return Array((text + "\r\n").utf8)
    }

    /// The path and query of `url` (`/` when it has none): what its upgrade request asked for.
    static func requestTarget(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url.isEmpty ? "/" : url }
        let rest = url[scheme.upperBound...]
        guard let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
        let target = rest[slash...].prefix { $0 != "#" }
        return target.hasPrefix("?") ? "/" + target : String(target)
    }
}
