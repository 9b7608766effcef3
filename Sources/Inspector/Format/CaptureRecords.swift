import Captures
import Foundation
import WebSocketCore

/// A capture's connections as log records: a note opening each connection (its URL and upgrade status), one frame
/// record per message, and a note for its close. A capture holds whole messages, not wire frames: each becomes
/// one final, unmasked frame, so the wire bytes shown for it are a rebuilt encoding, not what crossed.
package enum CaptureRecords {
    /// The records for `capture`, numbered from 1 in order.
    package static func records(_ capture: Capture) -> [InspectorRecord] {
        var records: [InspectorRecord] = []
        func add(_ time: Date, _ direction: Direction, _ kind: InspectorRecord.Kind) {
            records.append(InspectorRecord(id: UInt64(records.count + 1), time: time, direction: direction, kind: kind))
        }
        for (index, connection) in capture.connections.enumerated() {
            let status = "\(connection.status)" + (connection.statusText.isEmpty ? "" : " " + connection.statusText)
            add(
                connection.startedAt, .local,
                .note(
                    "connection \(index + 1) of \(capture.connections.count) · \(connection.url) · \(status)", isError: false))
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
                    .note(
                        "connection \(index + 1) closed \(code)" + (close.reason.isEmpty ? "" : " " + close.reason), isError: false))
            }
        }
        return records
    }
}
