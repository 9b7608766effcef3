/// Base64 decoding for capture payloads, in place over the file's bytes: the rules of `Base64.decode` (padded or
/// unpadded, ASCII white space ignored, nothing after padding, zero padding bits), at a table lookup per character.
/// `Base64.decode` (for handshake keys and the compose box) searches the alphabet for each character and builds
/// arrays as it goes, which a capture with a hundred megabytes of binary messages cannot afford.
package enum Base64Decoding {
    /// Value of each byte: 0–63, or 64 for white space, 65 for `=`, 255 for anything else.
    private static let table: [UInt8] = {
        var table = [UInt8](repeating: 255, count: 256)
        for (index, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(byte)] = UInt8(index)
        }
        for byte in " \n\r\t".utf8 { table[Int(byte)] = 64 }
        table[Int(UInt8(ascii: "="))] = 65
        return table
    }()

    /// The bytes `text` encodes, or `nil` when it is not base64.
    package static func decode(_ text: UnsafeRawBufferPointer) -> [UInt8]? {
        table.withUnsafeBufferPointer { table in
            var out = [UInt8]()
            out.reserveCapacity(text.count / 4 * 3 + 3)
            var quad: UInt32 = 0
            var filled = 0
            var padding = 0
            for byte in text {
                let value = table[Int(byte)]
                if value < 64 {
                    if padding > 0 { return nil }  // data after padding
                    quad = quad << 6 | UInt32(value)
                    filled += 1
                    if filled == 4 {
                        out.append(UInt8(truncatingIfNeeded: quad >> 16))
                        out.append(UInt8(truncatingIfNeeded: quad >> 8))
                        out.append(UInt8(truncatingIfNeeded: quad))
                        quad = 0
                        filled = 0
                    }
                } else if value == 65 {
                    padding += 1
                } else if value != 64 {
                    return nil
                }
            }
            if padding > 2 || filled == 1 { return nil }
            if padding > 0 && (filled + padding) % 4 != 0 { return nil }
            switch filled {
            case 2:
                guard quad & 0xF == 0 else { return nil }
                out.append(UInt8(truncatingIfNeeded: quad >> 4))
            case 3:
                guard quad & 0x3 == 0 else { return nil }
                out.append(UInt8(truncatingIfNeeded: quad >> 10))
                out.append(UInt8(truncatingIfNeeded: quad >> 2))
            default: break
            }
            return out
        }
    }
}
