/// Typed access to query parameters, with errors that name the parameter and what was wrong with it.
struct QueryReader {
    /// The decoded parameters.
    let query: [String: String]

    /// The raw value of `name`, if present.
    func string(_ name: String) -> String? { query[name] }

    /// A decimal integer in `range`, or `fallback` when absent.
    func integer<Value: FixedWidthInteger>(
        _ name: String, default fallback: Value, in range: ClosedRange<Value>
    ) throws(RouteError) -> Value {
        guard let text = query[name] else { return fallback }
        guard let value = Value(text, radix: 10), range.contains(value) else {
            throw .badParameter("\(name)=\(text) is not an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    /// A boolean written `1`/`true` or `0`/`false`; absent is `false`.
    func flag(_ name: String) throws(RouteError) -> Bool {
        switch query[name] {
        case nil, "0", "false": return false
        case "1", "true": return true
        case let other?: throw .badParameter("\(name)=\(other) is not 1, 0, true or false")
        }
    }

    /// A UTF-8 value of at most `limit` bytes, or `fallback` when absent.
    func text(_ name: String, default fallback: String, maxBytes limit: Int) throws(RouteError) -> String {
        guard let value = query[name] else { return fallback }
        guard value.utf8.count <= limit else {
            throw .badParameter("\(name) is \(value.utf8.count) bytes; a control frame allows \(limit)")
        }
        return value
    }
}
