import Foundation
import Testing
import WebSocketCore

@testable import Inspector

/// 2024-05-01 12:00:00.125 UTC; .125 is exact in binary, so the millisecond column is predictable.
let fixedTime = Date(timeIntervalSince1970: 1_714_564_800.125)
let utcClock = ClockFormat(timeZone: TimeZone(secondsFromGMT: 0)!)

/// Frames from RFC 6455 §5.7, wire bytes copied from the RFC text, headers written out by hand.
enum RFCFrames {
    static let hello: [UInt8] = [0x48, 0x65, 0x6c, 0x6c, 0x6f]

    /// "A single-frame unmasked text message": 0x81 0x05 "Hello".
    static let unmaskedText = Frame(
        header: FrameHeader(fin: true, opcode: .text, payloadLength: 5, lengthEncoding: .sevenBit),
        payload: hello, wireBytes: [0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f])

    /// "A single-frame masked text message": key 37 fa 21 3d.
    static let maskedText = Frame(
        header: FrameHeader(
            fin: true, opcode: .text, maskingKey: MaskingKey(0x37, 0xfa, 0x21, 0x3d), payloadLength: 5,
            lengthEncoding: .sevenBit),
        payload: hello, wireBytes: [0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58])

    /// "A fragmented unmasked text message": "Hel" then "lo".
    static let fragment1 = Frame(
        header: FrameHeader(fin: false, opcode: .text, payloadLength: 3, lengthEncoding: .sevenBit),
        payload: [0x48, 0x65, 0x6c], wireBytes: [0x01, 0x03, 0x48, 0x65, 0x6c])
    static let fragment2 = Frame(
        header: FrameHeader(fin: true, opcode: .continuation, payloadLength: 2, lengthEncoding: .sevenBit),
        payload: [0x6c, 0x6f], wireBytes: [0x80, 0x02, 0x6c, 0x6f])

    /// "Unmasked Ping request": 0x89 0x05 "Hello".
    static let ping = Frame(
        header: FrameHeader(fin: true, opcode: .ping, payloadLength: 5, lengthEncoding: .sevenBit),
        payload: hello, wireBytes: [0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f])

    /// "256 bytes binary message in a single unmasked frame": 0x82 0x7E 0x0100 [256 bytes].
    static let binary256: Frame = {
        let payload = (0..<256).map { UInt8($0) }
        return Frame(
            header: FrameHeader(fin: true, opcode: .binary, payloadLength: 256, lengthEncoding: .sixteenBit),
            payload: payload, wireBytes: [0x82, 0x7E, 0x01, 0x00] + payload)
    }()

    /// "64KiB binary message in a single unmasked frame": 0x82 0x7F 0x0000000000010000 [65536 bytes].
    static let binary64K: Frame = {
        let payload = [UInt8](repeating: 0xAB, count: 65536)
        return Frame(
            header: FrameHeader(fin: true, opcode: .binary, payloadLength: 65536, lengthEncoding: .sixtyFourBit),
            payload: payload, wireBytes: [0x82, 0x7F, 0, 0, 0, 0, 0, 0x01, 0, 0] + payload)
    }()

    /// A close frame written by hand: code 1000 (0x03 0xE8), reason "bye".
    static let close1000 = Frame(
        header: FrameHeader(fin: true, opcode: .close, payloadLength: 5, lengthEncoding: .sevenBit),
        payload: [0x03, 0xE8, 0x62, 0x79, 0x65], wireBytes: [0x88, 0x05, 0x03, 0xE8, 0x62, 0x79, 0x65])
}

/// An unmasked frame with `payload`, wire bytes built by hand for short payloads.
func textFrame(_ text: String, opcode: Opcode = .text) -> Frame {
    let payload = Array(text.utf8)
    precondition(payload.count <= 125)
    return Frame(
        header: FrameHeader(opcode: opcode, payloadLength: UInt64(payload.count)), payload: payload,
        wireBytes: [0x80 | opcode.rawValue, UInt8(payload.count)] + payload)
}

func binaryFrame(_ payload: [UInt8]) -> Frame {
    precondition(payload.count <= 125)
    return Frame(
        header: FrameHeader(opcode: .binary, payloadLength: UInt64(payload.count)), payload: payload,
        wireBytes: [0x82, UInt8(payload.count)] + payload)
}

let defaultPalette = try! ThemeLoader.builtin("default").palette(for: .full)

/// Renders `state` at a size and returns the grid.
func render(_ state: InspectorState, rows: Int, cols: Int) -> GridCanvas {
    var state = state
    state.resize(to: TerminalSize(rows: rows, cols: cols))
    var canvas = GridCanvas(rows: rows, cols: cols)
    InspectorRenderer(palette: defaultPalette, clock: utcClock).render(state, into: &canvas)
    return canvas
}

/// Asserts no cell holds a control character, DEL, C1 control or bidi override, and each row is exactly
/// `cols` columns wide.
func expectGridIsInert(_ canvas: GridCanvas, sourceLocation: SourceLocation = #_sourceLocation) {
    for row in 0..<canvas.size.rows {
        for col in 0..<canvas.size.cols {
            let text = canvas.cells[row][col].text
            #expect(
                !SafeText.containsUnsafe(text), "cell \(row),\(col) holds \(text.unicodeScalars.map { String($0.value, radix: 16) })",
                sourceLocation: sourceLocation)
        }
        #expect(
            DisplayWidth.of(canvas.rowText(row)) == canvas.size.cols, "row \(row) is not \(canvas.size.cols) wide",
            sourceLocation: sourceLocation)
    }
}

extension GridCanvas {
    /// The first row whose text contains `needle`.
    func row(containing needle: String) -> Int? { lines.firstIndex { $0.contains(needle) } }
}
