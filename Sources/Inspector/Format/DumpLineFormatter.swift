import Foundation
import WebSocketCore

/// The line `wsinspect --dump` prints for a record: time, direction, opcode, flags, length, then the whole
/// payload, as escaped text (text, close, ping/pong that are UTF-8) or hex (binary and anything not UTF-8).
///
/// ```
/// 12:34:56.789 → TEXT   F       5  hello
/// 12:34:56.790 ← BINARY F       4  de ad be ef
/// 12:34:56.791 ← CLOSE  F       5  1000 Normal Closure: bye
/// ```
/// A payload longer than `maxPayloadBytes` (`--dump-max-bytes`) is cut there and ends in `… (N bytes)`: a
/// compressed message can inflate to 100 MB, whose hex line alone would be 300 MB. Without a limit
/// (`--dump-full`) nothing is cut, for a script that wants all of it. Like the log, everything from the peer goes
/// through ``SafeText``, so the dump is safe to print on a terminal. Handshake lines and notes hide credentials
/// (``InspectorRecord/redacted()``) unless the formatter shows secrets.
///
/// Lines are built as UTF-8 bytes, not `String`s: under a flood the dump prints hundreds of thousands of lines a
/// second, and string interpolation and padding were most of its cost.
package struct DumpLineFormatter: Sendable {
    private let clock: ClockFormat
    /// The most payload bytes printed per frame; `nil` prints every byte.
    package let maxPayloadBytes: Int?
    /// Whether handshake lines and notes keep their credentials (`--show-secrets`).
    private let showsSecrets: Bool

    /// The default of `--dump-max-bytes`: 64 KiB.
    package static let defaultMaxPayloadBytes = 64 * 1024

    /// Creates a formatter using `clock` for the time column, printing at most `maxPayloadBytes` of each payload
    /// (`nil`: all of it); credentials are hidden unless `showsSecrets`.
    package init(clock: ClockFormat = ClockFormat(), maxPayloadBytes: Int? = nil, showsSecrets: Bool = false) {
        self.clock = clock
        self.maxPayloadBytes = maxPayloadBytes.map { max(0, $0) }
        self.showsSecrets = showsSecrets
    }

    /// The line for `record` (no trailing newline); handshake records and notes get a short summary line.
    package func line(for record: InspectorRecord) -> String {
        var bytes: [UInt8] = []
        append(record, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the line for `record` (no trailing newline) to `out`, as UTF-8.
    package func append(_ record: InspectorRecord, to out: inout [UInt8]) {
        let record = record.shown(showsSecrets: showsSecrets)
        switch record.kind {
        case .frame(let frame, let inflated):
            appendFrame(frame, inflated: inflated, direction: record.direction, time: record.time, to: &out)
        case .handshakeRequest(let bytes), .handshakeResponse(let bytes):
            appendPrefix(record.time, record.direction, to: &out)
            Self.appendPadded("HTTP", to: 10, in: &out)
            ASCIIDigits.append(bytes.count, width: 6, fill: UInt8(ascii: " "), to: &out)
            out.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: " ")])
            SafeText.appendEscaped(bytes.prefix(while: { $0 != 0x0D && $0 != 0x0A }), to: &out)
        case .note(let text, let isError):
            appendPrefix(record.time, record.direction, to: &out)
            Self.appendPadded(isError ? "ERROR" : "NOTE", to: 19, in: &out)
            SafeText.appendEscaped(text.utf8, to: &out)
        }
    }

    /// Appends the line for a frame (no trailing newline) to `out`, as UTF-8: the same line as for a record holding
    /// it, for callers that have the frame but no record.
    package func appendFrame(
        _ frame: Frame, inflated: [UInt8]?, direction: Direction, time: Date, to out: inout [UInt8]
    ) {
        appendPrefix(time, direction, to: &out)
        let header = frame.header
        let payload = inflated ?? frame.payload
        out.append(contentsOf: Self.opcodeColumns[Int(header.opcode.rawValue)])
        out.append(UInt8(ascii: " "))
        out.append(UInt8(ascii: header.fin ? "F" : "-"))
        out.append(UInt8(ascii: header.rsv1 ? "z" : " "))
        out.append(UInt8(ascii: " "))
        ASCIIDigits.append(payload.count, width: 6, fill: UInt8(ascii: " "), to: &out)
        out.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: " ")])
        guard let limit = maxPayloadBytes, payload.count > limit else {
            return appendContent(payload[...], opcode: header.opcode, to: &out)
        }
        var end = limit
        // Text is cut at the start of the character that straddles the limit, so the cut shows no bogus `\xNN`.
        if header.opcode != .binary {
            while end > 0 && end < payload.count && payload[end] & 0xC0 == 0x80 && limit - end < 3 { end -= 1 }
        }
        appendContent(payload[..<end], opcode: header.opcode, to: &out)
        out.append(contentsOf: " … (".utf8)
        ASCIIDigits.append(payload.count, width: 0, fill: UInt8(ascii: " "), to: &out)
        out.append(contentsOf: " bytes)".utf8)
    }

    /// The time and arrow columns, and the space after them.
    private func appendPrefix(_ time: Date, _ direction: Direction, to out: inout [UInt8]) {
        clock.append(time, to: &out)
        out.append(contentsOf: Self.arrowColumns[direction.index])
    }

    /// " → ", " ← " and " · " as UTF-8, ready to copy.
    private static let arrowColumns: [[UInt8]] = Direction.allCases.map { Array(" \($0.arrow) ".utf8) }

    /// Each opcode's name, padded to the column's six characters, ready to copy.
    private static let opcodeColumns: [[UInt8]] = (0..<16).map { raw in
        var column: [UInt8] = []
        appendPadded(Opcode(rawValue: UInt8(raw)).name, to: 6, in: &column)
        return column
    }

    /// Appends ASCII `text` left-aligned in `width` columns.
    private static func appendPadded(_ text: String, to width: Int, in out: inout [UInt8]) {
        let before = out.count
        out.append(contentsOf: text.utf8)
        for _ in (out.count - before)..<max(out.count - before, width) { out.append(UInt8(ascii: " ")) }
    }

    private func appendContent(_ payload: ArraySlice<UInt8>, opcode: Opcode, to out: inout [UInt8]) {
        switch opcode {
        case .text: SafeText.appendEscaped(payload, to: &out)
        case .close: out.append(contentsOf: CloseFrameContent(payload: Array(payload)).summary.utf8)
        case .ping, .pong:
            if UTF8Validator.isValid(payload) {
                SafeText.appendEscaped(payload, to: &out)
            } else {
                ByteFormat.appendHex(payload, to: &out)
            }
        default: ByteFormat.appendHex(payload, to: &out)
        }
    }
}
