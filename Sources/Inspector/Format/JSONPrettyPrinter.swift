import Foundation

/// Re-indents JSON text as the server wrote it: keys stay in their order (a sorted view is not what was sent),
/// and strings and numbers stay byte for byte (`1.50` stays `1.50`, `\u00e9` stays escaped). Two spaces an
/// indent and `"key" : value`, as the detail view has always shown JSON; `{}` and `[]` stay on one line.
///
/// The text must already be known to be valid JSON: this only moves whitespace.
package enum JSONPrettyPrinter {
    /// `json` pretty-printed; `nil` when it is not a JSON object or array.
    package static func prettyPrinted(_ json: [UInt8]) -> String? {
        guard let first = json.first(where: { !isWhitespace($0) }),
            first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
        else { return nil }
        // The parser is the judge of validity; the output is still made from the original bytes.
        guard (try? JSONSerialization.jsonObject(with: Data(json))) != nil else { return nil }
        return String(decoding: reindent(json), as: UTF8.self)
    }

    /// The bytes with the whitespace between tokens replaced by line breaks and indentation.
    static func reindent(_ json: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(json.count * 2)
        var depth = 0
        var index = 0
        func breakLine() {
            out.append(0x0A)
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
        }
        while index < json.count {
            let byte = json[index]
            switch byte {
            case UInt8(ascii: "\""):
                let end = stringEnd(json, from: index)
                out.append(contentsOf: json[index..<end])
                index = end
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                out.append(byte)
                let next = nextToken(json, after: index)
                if next < json.count, json[next] == byte + 2 {
                    // `{` and `}` (like `[` and `]`) are two apart in ASCII: an empty container stays `{}`.
                    out.append(json[next])
                    index = next + 1
                    continue
                }
                depth += 1
                breakLine()
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                breakLine()
                out.append(byte)
            case UInt8(ascii: ","):
                out.append(byte)
                breakLine()
            case UInt8(ascii: ":"):
                out.append(contentsOf: " : ".utf8)
            default:
                if !isWhitespace(byte) { out.append(byte) }
            }
            index += 1
        }
        return out
    }

    /// The index just past the string starting at `start` (its opening quote), escapes skipped.
    private static func stringEnd(_ json: [UInt8], from start: Int) -> Int {
        var index = start + 1
        while index < json.count {
            switch json[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        return json.count
    }

    private static func nextToken(_ json: [UInt8], after index: Int) -> Int {
        var next = index + 1
        while next < json.count && isWhitespace(json[next]) { next += 1 }
        return next
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
