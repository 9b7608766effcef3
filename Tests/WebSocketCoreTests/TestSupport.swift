// Helpers shared by the WebSocketCore tests. Everything here is written independently of the code under test, so
// that expected values never come from the implementation being checked.

/// Parses a hex string such as "81 05 48" or "810548" into bytes; spaces are ignored.
func hex(_ text: String) -> [UInt8] {
    let digits = text.filter { !$0.isWhitespace }
    precondition(digits.count % 2 == 0, "odd number of hex digits in \(text)")
    var bytes: [UInt8] = []
    var index = digits.startIndex
    while index < digits.endIndex {
        let next = digits.index(index, offsetBy: 2)
        bytes.append(UInt8(digits[index..<next], radix: 16)!)
        index = next
    }
    return bytes
}

/// Bytes as lower-case hex, for readable failure messages.
func hexString<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: " ")
}

/// XOR masking as RFC 6455 §5.3 states it, one byte at a time: octet i is XORed with key[i mod 4].
/// `offset` is the position of `bytes[0]` within the whole payload.
func referenceMask(_ bytes: [UInt8], key: [UInt8], offset: Int = 0) -> [UInt8] {
    var result = bytes
    for index in result.indices { result[index] ^= key[(index + offset) % 4] }
    return result
}

/// Builds one frame's wire bytes straight from the RFC 6455 §5.2 diagram, without the encoder under test.
/// `lengthBytes` forces the extended length size (0, 2 or 8) to build deliberately non-minimal frames.
func wireFrame(
    fin: Bool = true, rsv: UInt8 = 0, opcode: UInt8, key: [UInt8]? = nil, payload: [UInt8], lengthBytes: Int? = nil
) -> [UInt8] {
    var bytes: [UInt8] = [(fin ? 0x80 : 0) | (rsv << 4) | opcode]
    let maskBit: UInt8 = key == nil ? 0 : 0x80
    let count = payload.count
    let size = lengthBytes ?? (count <= 125 ? 0 : count <= 0xFFFF ? 2 : 8)
    switch size {
    case 0:
        bytes.append(maskBit | UInt8(count))
    case 2:
        bytes += [maskBit | 126, UInt8(count >> 8), UInt8(count & 0xFF)]
    default:
        bytes.append(maskBit | 127)
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8((UInt64(count) >> UInt64(shift)) & 0xFF)) }
    }
    if let key {
        bytes += key
        bytes += referenceMask(payload, key: key)
    } else {
        bytes += payload
    }
    return bytes
}

/// One frame decoded by hand from wire bytes (RFC 6455 §5.2), used to check what the code under test sends.
struct DecodedWireFrame: Equatable {
    var fin: Bool
    var rsv: UInt8
    var opcode: UInt8
    var key: [UInt8]?
    var payload: [UInt8]
}

/// Decodes exactly one frame occupying all of `bytes`; `nil` if the bytes are not exactly one frame.
func decodeWireFrame(_ bytes: [UInt8]) -> DecodedWireFrame? {
    guard bytes.count >= 2 else { return nil }
    var index = 2
    var length = UInt64(bytes[1] & 0x7F)
    let extra = length == 126 ? 2 : length == 127 ? 8 : 0
    guard bytes.count >= 2 + extra else { return nil }
    if extra > 0 {
        length = 0
        for _ in 0..<extra {
            length = length << 8 | UInt64(bytes[index])
            index += 1
        }
    }
    var key: [UInt8]?
    if bytes[1] & 0x80 != 0 {
        guard bytes.count >= index + 4 else { return nil }
        key = Array(bytes[index..<index + 4])
        index += 4
    }
    guard UInt64(bytes.count - index) == length else { return nil }
    let body = Array(bytes[index...])
    return DecodedWireFrame(
        fin: bytes[0] & 0x80 != 0, rsv: (bytes[0] >> 4) & 0x7, opcode: bytes[0] & 0x0F, key: key,
        payload: key.map { referenceMask(body, key: $0) } ?? body)
}

/// The text without leading and trailing spaces and tabs (kept here so the tests need no Foundation).
func trimmed<Text: StringProtocol>(_ text: Text) -> String {
    var slice = Substring(text)
    while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
    while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
    return String(slice)
}
