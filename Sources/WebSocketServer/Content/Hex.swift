/// Hexadecimal digits, for `/raw?hex=` and percent escapes.
enum Hex {
    /// The value of one hex digit (either case), or `nil`.
    static func value(of digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// The bytes `text` spells, ignoring spaces and colons so that dumps like `81 02 68 69` paste as they are;
    /// `nil` for any other character or an odd number of digits.
    static func decode(_ text: String) -> [UInt8]? {
        var digits: [UInt8] = []
        for character in text.utf8 where character != UInt8(ascii: " ") && character != UInt8(ascii: ":") {
            guard let value = value(of: character) else { return nil }
            digits.append(value)
        }
        guard digits.count % 2 == 0 else { return nil }
        return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
    }
}
