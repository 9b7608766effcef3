extension SafeText {
    /// One step of lenient UTF-8 decoding: a well-formed scalar, or one byte that cannot start or continue one.
    enum Piece {
        case scalar(Unicode.Scalar)
        case invalidByte(UInt8)
    }

    /// Decodes bytes strictly (no overlongs, surrogates or values past U+10FFFF) but never gives up: each byte
    /// that is not part of a well-formed sequence is reported on its own, so `\xNN` placeholders map one-to-one
    /// onto the bytes that were on the wire.
    static func decode<Bytes: Collection>(_ bytes: Bytes, _ emit: (Piece) -> Void) where Bytes.Element == UInt8 {
        let data = Array(bytes)
        var i = 0
        while i < data.count {
            let lead = data[i]
            if lead < 0x80 {
                emit(.scalar(Unicode.Scalar(lead)))
                i += 1
                continue
            }
            let (length, low, high): (Int, UInt8, UInt8)
            switch lead {
            case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
            case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (length, low, high) = (3, 0x80, 0xBF)
            case 0xED: (length, low, high) = (3, 0x80, 0x9F)
            case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
            case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
            case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
            default:
                emit(.invalidByte(lead))
                i += 1
                continue
            }
            guard i + length <= data.count, (low...high).contains(data[i + 1]),
                (1..<length).allSatisfy({ (0x80...0xBF).contains(data[i + $0]) })
            else {
                emit(.invalidByte(lead))
                i += 1
                continue
            }
            var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for k in 1..<length { value = value << 6 | UInt32(data[i + k] & 0x3F) }
            // The range checks above exclude surrogates and values past U+10FFFF, so this cannot fail.
            emit(Unicode.Scalar(value).map(Piece.scalar) ?? .invalidByte(lead))
            i += length
        }
    }
}
