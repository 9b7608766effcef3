import Foundation
import Testing
import WebSocketCore

@testable import Captures

/// The pull reader behind the HAR and JSON Lines readers: RFC 8259's grammar, escapes decoded as JSON says,
/// numbers correctly rounded, syntax errors placed, and deep nesting skipped without recursion.
@Suite struct JSONScannerTests {
    /// Runs `body` on a scanner over `text`.
    static func scan<T>(_ text: String, _ body: (inout JSONScanner) throws -> T) rethrows -> T {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBytes { raw in
            var scanner = JSONScanner(raw)
            return try body(&scanner)
        }
    }

    static func skips(_ text: String) -> Bool {
        scan(text) { scanner in
            (try? scanner.skipValue()) != nil && scanner.atEnd()
        }
    }

    @Test(arguments: [
        "{}", "[]", "0", "-0", "1.5e-3", "\"\"", "true", "false", "null", " { \"a\" : [1, {\"b\": null}, \"x\"] } ",
        "[[[[[]]]]]", "\"\\u00e9\\ud83d\\udc4b\\n\\/\"", "123456789012345678901234567890",
    ])
    func acceptsJSON(_ text: String) {
        #expect(Self.skips(text), "\(text)")
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\":1,}", "{,}", "[,1]", "01", "1.", ".5", "-", "1e", "+1", "tru", "nul", "\"abc", "\"\\x\"",
        "\"\\u12\"", "{\"a\" 1}", "{1:2}", "[1 2]", "'a'", "\"tab\there\"", "\"\u{01}\"", "[1]]", "NaN", "Infinity",
    ])
    func refusesWhatIsNotJSON(_ text: String) {
        #expect(!Self.skips(text), "\(text)")
    }

    @Test func invalidUTF8InAStringIsAnError() {
        let bytes: [UInt8] = [0x22, 0x61, 0xC3, 0x28, 0x22]
        bytes.withUnsafeBytes { raw in
            var scanner = JSONScanner(raw)
            #expect(throws: JSONSyntaxError.self) { try scanner.stringToken() }
        }
    }

    @Test func escapesDecodeAsJSONSays() throws {
        let value = try Self.scan(#""a\"b\\c\/d\b\f\n\r\t\u0041\u00e9\ud83d\udc4b""#) { scanner in
            let token = try scanner.stringToken()
            #expect(token.hasEscapes)
            return scanner.string(token)
        }
        #expect(value == "a\"b\\c/d\u{8}\u{C}\n\r\tAé👋")
        // A lone surrogate (what some tools write for bytes that were not UTF-8) becomes U+FFFD, not an error.
        let lone = try Self.scan(#""x\udc80y""#) { scanner in scanner.string(try scanner.stringToken()) }
        #expect(lone == "x\u{FFFD}y")
    }

    @Test func numbersAreCorrectlyRounded() throws {
        for (text, value) in [
            ("1796378402.5015", 1_796_378_402.5015), ("0.1", 0.1), ("-12", -12.0), ("1e300", 1e300), ("2.5E-3", 0.0025),
            ("1796378400.123456", 1_796_378_400.123456), ("9007199254740993", 9_007_199_254_740_992.0),
        ] {
            let read = try Self.scan(text) { scanner in try scanner.number() }
            #expect(read == value, "\(text)")
        }
    }

    @Test func keysCompareInPlaceAndEscaped() throws {
        try Self.scan(#"{"type":1,"ty\u0070e":2,"typ":3}"#) { scanner in
            try scanner.beginObject()
            var first = true
            var matches: [Bool] = []
            while let key = try scanner.nextKey(&first) {
                matches.append(scanner.token(key, is: "type"))
                try scanner.skipValue()
            }
            #expect(matches == [true, true, false])
        }
    }

    /// A hundred thousand levels: skipping walks them with a list, not the stack.
    @Test func deepNestingIsSkippedWithoutRecursion() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(Self.skips(deep))
        #expect(!Self.skips(String(repeating: "[{\"a\":", count: 50_000)))
    }

    @Test func errorsSayWhereAndWhat() {
        let text = "{\n  \"a\": [1,\n  2 3]\n}"
        Self.scan(text) { scanner in
            do throws(JSONSyntaxError) {
                try scanner.skipValue()
                Issue.record("accepted")
            } catch {
                let (line, column) = scanner.lineAndColumn(of: error.offset)
                #expect(line == 3 && column == 5, "\(line):\(column)")
                #expect(error.problem == "expected ',' or ']', found '3'")
            }
        }
    }
}

/// The capture payload decoder keeps `Base64.decode`'s rules exactly (they are what the HAR reader always had).
@Suite struct Base64DecodingTests {
    static func decode(_ text: String) -> [UInt8]? {
        Array(text.utf8).withUnsafeBytes { Base64Decoding.decode($0) }
    }

    @Test(arguments: [
        "", "QQ==", "QQ", "QUI=", "QUI", "QUJD", "QU JD\n", "QQ=", "QQ===", "Q", "QUJD=", "QQ=A", "QR==", "QUJ=", "!!", "3q2+7wAB",
        "3q2-7wAB", "A+g=", " ", "====", "QQ= =",
    ])
    func agreesWithBase64Decode(_ text: String) {
        #expect(Self.decode(text) == Base64.decode(text), "\(text)")
    }

    @Test func agreesOnRandomBytesAndTheirEncodings() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let count = Int.random(in: 0..<40, using: &generator)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let encoded = Base64.encode(bytes)
            #expect(Self.decode(encoded) == bytes)
            // And arbitrary text drawn from the alphabet, padding and spaces.
            let alphabet = Array("ABCab+/=  Q09".utf8)
            let noise = String(decoding: (0..<count).map { _ in alphabet.randomElement(using: &generator)! }, as: UTF8.self)
            #expect(Self.decode(noise) == Base64.decode(noise), "\(noise)")
        }
    }
}
