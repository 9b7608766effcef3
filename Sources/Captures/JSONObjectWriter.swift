import WebSocketCore

/// Builds one JSON object with keys in insertion order.
package struct JSONObjectWriter {
    private var text = "{"
    private var hasMembers = false

    /// An empty object.
    package init() {}

    /// Adds `key` with a number written as given.
    package mutating func add(_ key: String, number: String) { member(key, number) }
    /// Adds `key` with `true` or `false`.
    package mutating func add(_ key: String, bool: Bool) { member(key, bool ? "true" : "false") }
    /// Adds `key` with a string, escaped.
    package mutating func add(_ key: String, string: String) { member(key, Self.quote(string)) }
    /// Adds `key` with JSON text already written (an object or an array).
    package mutating func add(_ key: String, json: String) { member(key, json) }

    /// The object's text.
    package func finish() -> String { text + "}" }

    /// A JSON array of already-written elements.
    package static func array(_ elements: [String]) -> String { "[" + elements.joined(separator: ",") + "]" }

    private mutating func member(_ key: String, _ value: String) {
        if hasMembers { text += "," }
        hasMembers = true
        text += Self.quote(key) + ":" + value
    }

    /// A JSON string literal. Beyond what JSON requires, DEL, C1 controls, bidi controls and U+2028/2029 are
    /// written as `\u` escapes: still the same string to any JSON reader, but inert in a terminal.
    package static func quote(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if InertText.needsEscaping(scalar) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
