import Captures
import Foundation
import WebSocketCore

/// The `--record FILE` format: one JSON object per record per line, lossless down to the wire bytes.
///
/// A frame line looks like (wrapped here):
/// ```
/// {"id":3,"time":"2024-05-01T12:00:00.123Z","unixTime":1714564800.123,"direction":"sent","type":"frame",
///  "opcode":1,"opcodeName":"TEXT","fin":true,"rsv1":false,"rsv2":false,"rsv3":false,"masked":true,
///  "maskKey":"37fa213d","length":5,"lengthEncoding":"7-bit","payload":"SGVsbG8=","text":"Hello",
///  "wire":"gYU3+iE9f59NUVg="}
/// ```
/// `text` is present only when the payload is valid UTF-8; `inflated` (base64) and `inflatedText` only for frames
/// the client decompressed; `closeCode`/`closeReason` for close frames. Keys come in a fixed order so files diff.
/// Strings escape every control, DEL, C1 and bidi character, so even `cat`-ing the file is safe. A record whose
/// credentials were hidden (``InspectorRecord/redacted()``) says so with `"redacted":true`; its `text` and `wire`
/// are then the shown bytes, not the exact ones. A record the log cut to `--max-record-bytes` (only in `/export`
/// files: `--record` writes records before the log cuts them) has `"cut":{"payload":{"length":…,"kept":…,
/// "fnv1a64":"…"}}` (and `"inflated"` likewise): the payload fields then hold the first `kept` bytes.
/// ``JSONLinesReader`` reads the format back.
package enum JSONLinesRecord {
    /// One line for `record`, ending in `\n`; `redacted` marks a record whose credentials were hidden.
    package static func line(for record: InspectorRecord, redacted: Bool = false) -> String {
        var object = JSONObjectWriter()
        object.add("id", number: String(record.id))
        object.add("time", string: isoTime(record.time))
        object.add("unixTime", number: String(record.time.timeIntervalSince1970))
        object.add("direction", string: record.direction.rawValue)
        switch record.kind {
        case .frame(let frame, let inflated):
            let header = frame.header
            object.add("type", string: "frame")
            object.add("opcode", number: String(header.opcode.rawValue))
            object.add("opcodeName", string: header.opcode.name)
            object.add("fin", bool: header.fin)
            object.add("rsv1", bool: header.rsv1)
            object.add("rsv2", bool: header.rsv2)
            object.add("rsv3", bool: header.rsv3)
            object.add("masked", bool: header.isMasked)
            if let key = header.maskingKey { object.add("maskKey", string: key.bytes.map(ByteFormat.hex).joined()) }
            object.add("length", number: String(header.payloadLength))
            object.add("lengthEncoding", string: header.lengthEncoding.rawValue)
            object.add("payload", string: Base64.encode(frame.payload))
            if UTF8Validator.isValid(frame.payload) { object.add("text", string: String(decoding: frame.payload, as: UTF8.self)) }
            if let inflated {
                object.add("inflated", string: Base64.encode(inflated))
                if UTF8Validator.isValid(inflated) { object.add("inflatedText", string: String(decoding: inflated, as: UTF8.self)) }
            }
            if header.opcode == .close {
                let close = CloseFrameContent(payload: inflated ?? frame.payload)
                if let code = close.code { object.add("closeCode", number: String(code)) }
                if UTF8Validator.isValid(close.reason) {
                    object.add("closeReason", string: String(decoding: close.reason, as: UTF8.self))
                }
            }
            object.add("wire", string: Base64.encode(record.wireBytes))
        case .handshakeRequest(let bytes), .handshakeResponse(let bytes):
            if case .handshakeRequest = record.kind {
                object.add("type", string: "handshake-request")
            } else {
                object.add("type", string: "handshake-response")
            }
            object.add("length", number: String(bytes.count))
            if UTF8Validator.isValid(bytes) { object.add("text", string: String(decoding: bytes, as: UTF8.self)) }
            object.add("wire", string: Base64.encode(bytes))
        case .note(let text, let isError):
            object.add("type", string: "note")
            object.add("error", bool: isError)
            object.add("text", string: text)
        }
        if let trim = record.trim, trim.payload != nil || trim.inflated != nil {
            var cut = JSONObjectWriter()
            if let payload = trim.payload { cut.add("payload", json: Self.cut(payload)) }
            if let inflated = trim.inflated { cut.add("inflated", json: Self.cut(inflated)) }
            object.add("cut", json: cut.finish())
        }
        if redacted { object.add("redacted", bool: true) }
        return object.finish() + "\n"
    }

    /// `{"length":N,"kept":K,"fnv1a64":"…"}`: what the log's per-record limit left of a payload.
    private static func cut(_ cut: PayloadCut) -> String {
        var object = JSONObjectWriter()
        object.add("length", number: String(cut.fullCount))
        object.add("kept", number: String(cut.keptCount))
        object.add("fnv1a64", string: FNV1a64.hex(cut.hash))
        return object.finish()
    }

    /// ISO 8601 in UTC with milliseconds, e.g. `2024-05-01T12:00:00.123Z`.
    package static func isoTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let seconds = date.timeIntervalSince1970
        let millis = min(999, max(0, Int(((seconds - seconds.rounded(.down)) * 1000).rounded(.down))))
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(p.year, 4))-\(pad(p.month, 2))-\(pad(p.day, 2))T\(pad(p.hour, 2)):\(pad(p.minute, 2)):"
            + "\(pad(p.second, 2)).\(pad(millis, 3))Z"
    }
}
