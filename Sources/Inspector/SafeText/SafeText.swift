import WebSocketCore

/// The one gate every peer-controlled byte or string passes before it is drawn or printed.
///
/// A server controls payloads, close reasons, handshake header values and error text. Written raw, an `ESC ] 0 ;`
/// sequence retitles the user's terminal, `ESC [ 2 J` wipes it, OSC 52 writes their clipboard, a C1 `CSI` (U+009B)
/// does the same without an ESC, and a right-to-left override (U+202E) makes text read backwards. So everything
/// that could act instead of print becomes an inert, visible placeholder:
///
/// - C0 controls (U+0000–U+001F) become Unicode control pictures (`␀`, `␛`, `␊`, …); in multi-line mode a line
///   feed stays a line break instead (see ``lines(_:)``).
/// - DEL (U+007F) becomes `␡`.
/// - C1 controls (U+0080–U+009F) become `\x9b`-style text; there are no control pictures for them.
/// - Bidirectional overrides, embeddings, isolates and marks, and the Unicode line/paragraph separators, become
///   `<U+202E>`-style placeholders.
/// - Bytes that are not valid UTF-8 become `\xNN`, one per byte.
///
/// Everything else, including wide and combining characters, passes through; ``DisplayWidth`` measures it.
package enum SafeText {
    /// Escapes bytes that may or may not be UTF-8 into one printable line.
    package static func escape<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        // Fast path: printable ASCII, the bulk of real traffic, is its own escape; copying it in one go instead of
        // a scalar at a time is what keeps the log and `--dump` ahead of a flood.
        if bytes.allSatisfy(isPrintableASCII) { return String(decoding: bytes, as: UTF8.self) }
        var out = String()
        out.reserveCapacity(bytes.count)
        Self.decode(bytes) { piece in
            switch piece {
            case .scalar(let scalar): appendEscaped(scalar, to: &out)
            case .invalidByte(let byte): appendHexByte(byte, to: &out)
            }
        }
        return out
    }

    /// Appends the escaped form of `bytes` to a UTF-8 byte buffer: the same text as ``escape(_:)-(Collection)``,
    /// without building a `String` for the common all-printable-ASCII payload.
    package static func appendEscaped<Bytes: Collection>(_ bytes: Bytes, to out: inout [UInt8])
    where Bytes.Element == UInt8 {
        if bytes.allSatisfy(isPrintableASCII) {
            out.append(contentsOf: bytes)
        } else {
            out.append(contentsOf: escape(bytes).utf8)
        }
    }

    /// Escapes a string into one printable line. A Swift `String` is always valid Unicode, so only controls,
    /// bidi formatting characters and separators need placeholders.
    package static func escape<S: StringProtocol>(_ text: S) -> String {
        // Fast path: plain printable ASCII (the common case for JSON traffic) needs no work.
        if text.utf8.allSatisfy(isPrintableASCII) { return String(text) }
        var out = String()
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars { appendEscaped(scalar, to: &out) }
        return out
    }

    /// Splits bytes into lines at LF (dropping a CR just before it) and escapes each line, for multi-line views
    /// such as the detail pane and the handshake text, where a line feed should look like a line feed.
    package static func lines<Bytes: Collection>(_ bytes: Bytes) -> [String] where Bytes.Element == UInt8 {
        var result: [String] = []
        var current: [UInt8] = []
        for byte in bytes {
            if byte == 0x0A {
                if current.last == 0x0D { current.removeLast() }
                result.append(escape(current))
                current.removeAll(keepingCapacity: true)
            } else {
                current.append(byte)
            }
        }
        result.append(escape(current))
        return result
    }

    /// Splits a string into lines at LF (and CRLF) and escapes each line.
    package static func lines(_ text: String) -> [String] { lines(Array(text.utf8)) }

    /// Whether a scalar would be replaced by a placeholder.
    package static func needsEscaping(_ scalar: Unicode.Scalar) -> Bool { InertText.needsEscaping(scalar) }

    /// Whether a string contains anything ``escape(_:)-(StringProtocol)`` would replace; tests use this to prove
    /// that nothing active reached a rendered cell.
    package static func containsUnsafe<S: StringProtocol>(_ text: S) -> Bool {
        text.unicodeScalars.contains(where: needsEscaping)
    }

    // MARK: - Pieces

    /// A byte that is its own escape: printable ASCII (space to `~`).
    @inline(__always)
    static func isPrintableASCII(_ byte: UInt8) -> Bool { byte >= 0x20 && byte < 0x7F }

    static func appendEscaped(_ scalar: Unicode.Scalar, to out: inout String) {
        let v = scalar.value
        switch v {
        case 0x00..<0x20:
            // U+2400 + n is the control picture for C0 control n.
            out.unicodeScalars.append(Unicode.Scalar(0x2400 + v)!)
        case 0x7F:
            out.unicodeScalars.append("\u{2421}")
        case 0x80...0x9F:
            appendHexByte(UInt8(v), to: &out)
        default:
            if isBidiOrSeparator(v) {
                out += "<U+" + hex(v, digits: 4) + ">"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }

    /// Bidi embeddings/overrides (202A–202E), isolates (2066–2069), LRM/RLM (200E/200F), the Arabic letter mark
    /// (061C), and the line/paragraph separators (2028/2029), which some terminals treat as a newline.
    static func isBidiOrSeparator(_ v: UInt32) -> Bool { InertText.isBidiOrSeparator(v) }

    static func appendHexByte(_ byte: UInt8, to out: inout String) {
        out += "\\x" + hex(UInt32(byte), digits: 2)
    }

    static func hex(_ value: UInt32, digits: Int) -> String {
        let s = String(value, radix: 16, uppercase: digits > 2)
        return String(repeating: "0", count: max(0, digits - s.count)) + s
    }
}
