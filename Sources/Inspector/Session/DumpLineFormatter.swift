import Foundation
import WebSocketCore

/// The line `wsinspect --dump` prints for a record: time, direction, opcode, flags, length, then the whole
/// payload, as escaped text (text, close, ping/pong that are UTF-8) or hex (binary and anything not UTF-8).
///
/// ```
/// 12:34:56.789 → TEXT   F      5  hello
/// 12:34:56.790 ← BINARY F      3  de ad be ef
/// 12:34:56.791 ← CLOSE  F      5  1000 Normal Closure: bye
/// ```
/// Unlike the log's preview nothing is cut, since a script reading the dump wants all of it; like the log,
/// everything from the peer goes through ``SafeText``, so the dump is safe to print on a terminal.
public struct DumpLineFormatter: Sendable {
    private let clock: ClockFormat

    /// Creates a formatter using `clock` for the time column.
    public init(clock: ClockFormat = ClockFormat()) { self.clock = clock }

    /// The line for `record` (no trailing newline); handshake records and notes get a short summary line.
    public func line(for record: InspectorRecord) -> String {
        let time = clock.string(from: record.time)
        let arrow = record.direction.arrow
        switch record.kind {
        case .frame(let frame, let inflated):
            let header = frame.header
            let payload = inflated ?? frame.payload
            let flags = (header.fin ? "F" : "-") + (header.rsv1 ? "z" : " ")
            let length = DisplayWidth.padLeft(String(payload.count), to: 6)
            return "\(time) \(arrow) \(DisplayWidth.pad(header.opcode.name, to: 6)) \(flags) \(length)  "
                + content(payload, opcode: header.opcode)
        case .handshakeRequest(let bytes), .handshakeResponse(let bytes):
            let firstLine = bytes.prefix(while: { $0 != 0x0D && $0 != 0x0A })
            return "\(time) \(arrow) HTTP      \(DisplayWidth.padLeft(String(bytes.count), to: 6))  "
                + SafeText.escape(firstLine)
        case .note(let text, let isError):
            return "\(time) \(arrow) \(isError ? "ERROR" : "NOTE ")              " + SafeText.escape(text)
        }
    }

    private func content(_ payload: [UInt8], opcode: Opcode) -> String {
        switch opcode {
        case .text: return SafeText.escape(payload)
        case .close: return CloseFrameContent(payload: payload).summary
        case .ping, .pong:
            return UTF8Validator.isValid(payload) ? SafeText.escape(payload) : ByteFormat.hex(payload)
        default: return ByteFormat.hex(payload)
        }
    }
}
