/// An ordered list of HTTP header fields, looked up case-insensitively.
public struct HTTPHeaders: Sendable, Hashable, Sequence {
    /// One header field.
    public struct Field: Sendable, Hashable {
        /// The name as written.
        public var name: String
        /// The value, with surrounding white space removed.
        public var value: String
        /// Creates a field.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The fields in wire order.
    public private(set) var fields: [Field]

    /// Creates a header list.
    public init(_ fields: [Field] = []) { self.fields = fields }

    /// Creates a header list from name/value pairs.
    public init(_ pairs: [(String, String)]) { self.fields = pairs.map { Field(name: $0.0, value: $0.1) } }

    /// Appends a field.
    public mutating func add(name: String, value: String) { fields.append(Field(name: name, value: value)) }

    /// Every value of the fields called `name`, in order.
    public func values(for name: String) -> [String] {
        fields.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    /// The first value of `name`, if present.
    public subscript(name: String) -> String? { values(for: name).first }

    /// Whether any field called `name` exists.
    public func contains(_ name: String) -> Bool { !values(for: name).isEmpty }

    /// The comma-separated elements of every `name` field, trimmed, empty ones dropped (RFC 9110 §5.6.1).
    public func listElements(for name: String) -> [String] {
        values(for: name).flatMap { $0.split(separator: ",") }
            .map { $0.trimmingHTTPWhitespace() }
            .filter { !$0.isEmpty }
    }

    /// The fields in the order they were added.
    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }
}

/// RFC 9110 token rules.
public enum HTTPToken {
    /// Whether `text` is a non-empty token (RFC 9110 §5.6.2): visible ASCII except separators.
    public static func isValid(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(isTokenByte)
    }

    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return true
        default:
            return false
        }
    }

    /// Whether `value` may stand in a header field: no CR, LF or NUL (which would let a value inject headers).
    public static func isValidFieldValue(_ value: String) -> Bool {
        !value.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingHTTPWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
