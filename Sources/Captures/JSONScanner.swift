import Foundation
import WebSocketCore

/// A pull reader of JSON text (RFC 8259) over bytes in memory, for capture files: the caller walks the document
/// and keeps only what it needs, so a 200 MB HAR never becomes a tree of Foundation objects.
///
/// `JSONSerialization` on a large HAR was many times slower and larger (Benchmarks/PROFILE.md); this reads the
/// bytes once, in place. Strings are handed out as ``Token``s (a span of the input) and decoded only when
/// asked, keys are compared without being copied, and numbers are read by Swift's `Double` (strtod in the C locale) on their validated digits.
/// Skipping a value walks it without recursion, so nesting depth costs no stack.
///
/// The bytes must stay valid and unchanged while the scanner is used.
package struct JSONScanner {
    /// What the next value is, from its first byte.
    package enum Kind: Sendable, Hashable {
        case object, array, string, number, bool, null
    }

    /// A string value or key as it stands in the input, between its quotes.
    package struct Token: Sendable, Hashable {
        /// Offset of the first byte after the opening quote.
        package let start: Int
        /// Offset of the closing quote.
        package let end: Int
        /// Whether it holds a backslash escape, so its bytes are not its value.
        package let hasEscapes: Bool
    }

    private let base: UnsafePointer<UInt8>?
    private let count: Int
    /// Offset of the next unread byte.
    package private(set) var position: Int

    /// A scanner over `bytes`, from `start`.
    package init(_ bytes: UnsafeRawBufferPointer, start: Int = 0) {
        base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        count = bytes.count
        position = start
    }

    private func byte(_ offset: Int) -> UInt8 { base.unsafelyUnwrapped[offset] }

    private func fail(_ problem: String, at offset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(offset: offset ?? position, problem: problem)
    }

    /// A byte for an error message: the character itself when printable ASCII, else its hex value.
    private func describe(_ value: UInt8) -> String {
        (0x21...0x7E).contains(value) ? "'\(Character(Unicode.Scalar(value)))'" : "byte 0x" + String(value, radix: 16)
    }

    // MARK: - Structure

    /// Skips white space; true when input remains.
    package mutating func skipWhitespace() -> Bool {
        while position < count {
            switch byte(position) {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return true
            }
        }
        return false
    }

    /// Whether only white space is left.
    package mutating func atEnd() -> Bool { !skipWhitespace() }

    /// The kind of the next value, which is not consumed.
    package mutating func kind() throws(JSONSyntaxError) -> Kind {
        guard skipWhitespace() else { throw fail("the text ends where a value should be (cut off?)") }
        switch byte(position) {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case let other: throw fail("expected a value, found \(describe(other))")
        }
    }

    private mutating func expect(_ character: UInt8, _ what: String) throws(JSONSyntaxError) {
        guard skipWhitespace() else { throw fail("the text ends where \(what) should be (cut off?)") }
        guard byte(position) == character else { throw fail("expected \(what), found \(describe(byte(position)))") }
        position += 1
    }

    /// Consumes the `{` that opens an object.
    package mutating func beginObject() throws(JSONSyntaxError) { try expect(UInt8(ascii: "{"), "'{'") }

    /// Consumes the `[` that opens an array.
    package mutating func beginArray() throws(JSONSyntaxError) { try expect(UInt8(ascii: "["), "'['") }

    /// The next member's key (its `:` consumed), or `nil` once the object's `}` is consumed. `first` starts true
    /// for each object and says whether a comma must come first.
    package mutating func nextKey(_ first: inout Bool) throws(JSONSyntaxError) -> Token? {
        guard skipWhitespace() else { throw fail("the text ends inside an object (cut off?)") }
        if byte(position) == UInt8(ascii: "}") {
            position += 1
            return nil
        }
        if !first { try expect(UInt8(ascii: ","), "',' or '}'") }
        first = false
        guard skipWhitespace() else { throw fail("the text ends inside an object (cut off?)") }
        guard byte(position) == UInt8(ascii: "\"") else {
            throw fail("expected a member name in double quotes, found \(describe(byte(position)))")
        }
        let key = try stringToken()
        try expect(UInt8(ascii: ":"), "':'")
        return key
    }

    /// Whether another element follows (and is next), or `false` once the array's `]` is consumed.
    package mutating func nextElement(_ first: inout Bool) throws(JSONSyntaxError) -> Bool {
        guard skipWhitespace() else { throw fail("the text ends inside an array (cut off?)") }
        if byte(position) == UInt8(ascii: "]") {
            position += 1
            return false
        }
        if !first { try expect(UInt8(ascii: ","), "',' or ']'") }
        first = false
        return true
    }

    // MARK: - Values

    /// Reads a string value, returning where it stands; its bytes are checked (UTF-8, no raw control characters,
    /// escapes well formed) but not decoded.
    package mutating func stringToken() throws(JSONSyntaxError) -> Token {
        guard skipWhitespace(), byte(position) == UInt8(ascii: "\"") else {
            throw fail("expected a string")
        }
        position += 1
        let start = position
        var escapes = false
        var ascii = true
        while true {
            guard position < count else { throw fail("the text ends inside a string (cut off?)", at: start - 1) }
            let value = byte(position)
            if value == UInt8(ascii: "\"") { break }
            if value == UInt8(ascii: "\\") {
                escapes = true
                guard position + 1 < count else { throw fail("the text ends inside a string (cut off?)", at: start - 1) }
                switch byte(position + 1) {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    position += 2
                case UInt8(ascii: "u"):
                    guard position + 5 < count, hex4(at: position + 2) != nil else {
                        throw fail("\\u must be followed by four hex digits")
                    }
                    position += 6
                case let other:
                    throw fail("\\\(Character(Unicode.Scalar(other < 0x80 ? other : 0x3F))) is not a JSON escape")
                }
                continue
            }
            if value < 0x20 { throw fail("a control character (0x\(String(value, radix: 16))) inside a string must be escaped") }
            if value >= 0x80 { ascii = false }
            position += 1
        }
        let end = position
        position += 1
        if !ascii {
            var validator = UTF8Validator()
            let valid = validator.validate(UnsafeRawBufferPointer(start: base.unsafelyUnwrapped + start, count: end - start))
            guard valid && validator.isComplete else { throw fail("a string holds bytes that are not UTF-8", at: start - 1) }
        }
        return Token(start: start, end: end, hasEscapes: escapes)
    }

    private func hex4(at offset: Int) -> UInt32? {
        var value: UInt32 = 0
        for index in offset..<offset + 4 {
            let digit = byte(index)
            let nibble: UInt8
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = digit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = digit - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(nibble)
        }
        return value
    }

    /// The value of a string token as UTF-8 bytes, escapes decoded. A `\u` escape of a lone surrogate (which
    /// some tools write for bytes that were not UTF-8) becomes U+FFFD.
    package func bytes(_ token: Token) -> [UInt8] {
        let raw = UnsafeRawBufferPointer(start: base.map { UnsafeRawPointer($0 + token.start) }, count: token.end - token.start)
        guard token.hasEscapes else { return Array(raw) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var index = token.start
        func append(scalar: UInt32) {
            let value = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            out.append(contentsOf: UTF8.encode(value)!)
        }
        while index < token.end {
            let value = byte(index)
            guard value == UInt8(ascii: "\\") else {
                out.append(value)
                index += 1
                continue
            }
            let escape = byte(index + 1)
            index += 2
            switch escape {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                let unit = hex4(at: index)!
                index += 4
                if (0xD800...0xDBFF).contains(unit), index + 6 <= token.end, byte(index) == UInt8(ascii: "\\"),
                    byte(index + 1) == UInt8(ascii: "u"), let low = hex4(at: index + 2), (0xDC00...0xDFFF).contains(low)
                {
                    index += 6
                    append(scalar: 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                } else {
                    append(scalar: unit)  // a lone surrogate is no scalar: U+FFFD
                }
            default: out.append(escape)  // " \ /
            }
        }
        return out
    }

    /// The value of a string token.
    package func string(_ token: Token) -> String {
        if !token.hasEscapes {
            let raw = UnsafeRawBufferPointer(
                start: base.map { UnsafeRawPointer($0 + token.start) }, count: token.end - token.start)
            return String(decoding: raw, as: UTF8.self)
        }
        return String(decoding: bytes(token), as: UTF8.self)
    }

    /// Whether a token's value is `name`, compared in place when it has no escapes.
    package func token(_ token: Token, is name: StaticString) -> Bool {
        let length = name.utf8CodeUnitCount
        if token.hasEscapes { return bytes(token).elementsEqual(UnsafeBufferPointer(start: name.utf8Start, count: length)) }
        guard token.end - token.start == length else { return false }
        return memcmp(base.unsafelyUnwrapped + token.start, name.utf8Start, length) == 0
    }

    /// Calls `body` with a token's value as bytes: in place when it has no escapes, else decoded.
    package func withBytes<R>(_ token: Token, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        if token.hasEscapes { return bytes(token).withUnsafeBytes(body) }
        return body(UnsafeRawBufferPointer(start: base.map { UnsafeRawPointer($0 + token.start) }, count: token.end - token.start))
    }

    /// Reads a number: JSON's grammar, then Swift's `Double` on exactly those characters (correctly rounded).
    package mutating func number() throws(JSONSyntaxError) -> Double {
        guard skipWhitespace() else { throw fail("the text ends where a number should be (cut off?)") }
        let start = position
        func digits() -> Int {
            let first = position
            while position < count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte(position)) { position += 1 }
            return position - first
        }
        if byte(position) == UInt8(ascii: "-") { position += 1 }
        let integerStart = position
        let integerDigits = digits()
        guard integerDigits > 0 else { throw fail("expected a number", at: start) }
        guard integerDigits == 1 || byte(integerStart) != UInt8(ascii: "0") else {
            throw fail("a number cannot start with 0", at: start)
        }
        var plain = true
        if position < count, byte(position) == UInt8(ascii: ".") {
            position += 1
            plain = false
            guard digits() > 0 else { throw fail("expected digits after the decimal point") }
        }
        if position < count, byte(position) == UInt8(ascii: "e") || byte(position) == UInt8(ascii: "E") {
            position += 1
            plain = false
            if position < count, byte(position) == UInt8(ascii: "+") || byte(position) == UInt8(ascii: "-") { position += 1 }
            guard digits() > 0 else { throw fail("expected digits in the exponent") }
        }
        if plain && integerDigits <= 15 {
            var value: Int64 = 0
            for index in integerStart..<position { value = value * 10 + Int64(byte(index) - UInt8(ascii: "0")) }
            return byte(start) == UInt8(ascii: "-") ? -Double(value) : Double(value)
        }
        // Swift's reader is strtod in the C locale: a terminal program may have set LC_NUMERIC to one whose decimal
        // point is a comma, which plain strtod would follow.
        let text = String(decoding: UnsafeRawBufferPointer(start: base.unsafelyUnwrapped + start, count: position - start), as: UTF8.self)
        guard let value = Double(text) else { throw fail("not a number", at: start) }
        return value
    }

    /// Reads `true` or `false`.
    package mutating func bool() throws(JSONSyntaxError) -> Bool {
        if try literal("true") { return true }
        if try literal("false") { return false }
        throw fail("expected true or false")
    }

    /// Consumes `null` if it is next; false (consuming nothing) otherwise.
    package mutating func null() throws(JSONSyntaxError) -> Bool { try literal("null") }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) -> Bool {
        guard skipWhitespace() else { throw fail("the text ends where a value should be (cut off?)") }
        let length = word.utf8CodeUnitCount
        guard position + length <= count, memcmp(base.unsafelyUnwrapped + position, word.utf8Start, length) == 0 else {
            return false
        }
        position += length
        return true
    }

    /// Skips one value of any kind, checking its syntax, without recursion.
    package mutating func skipValue() throws(JSONSyntaxError) {
        // One entry per open container: true for an object. `first` is whether it has had no member yet.
        var open: [Bool] = []
        var first = true
        while true {
            // A value.
            switch try kind() {
            case .object:
                position += 1
                open.append(true)
                first = true
            case .array:
                position += 1
                open.append(false)
                first = true
            case .string: _ = try stringToken()
            case .number: _ = try number()
            case .bool: _ = try bool()
            case .null:
                guard try null() else { throw fail("expected null") }
            }
            // Close what ends here, until a container wants another value.
            while let isObject = open.last {
                if isObject {
                    if try nextKey(&first) != nil { break }
                } else {
                    if try nextElement(&first) { break }
                }
                open.removeLast()
                first = false
            }
            if open.isEmpty { return }
        }
    }

    /// The 1-based line and column of `offset`, for messages.
    package func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, count) where byte(index) == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }
}

/// JSON that does not parse: where, and what was expected.
package struct JSONSyntaxError: Error, Sendable, Hashable {
    /// Byte offset in the text.
    package let offset: Int
    /// What is wrong there.
    package let problem: String
}
