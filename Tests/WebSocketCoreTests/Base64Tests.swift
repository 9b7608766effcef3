import ClientTestSupport
import Testing
import WebSocketCore

/// Base64 against the RFC 4648 §10 test vectors and hand-worked edge cases.
@Suite struct Base64Tests {
    /// RFC 4648 §10.
    static let rfcVectors: [(String, String)] = [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ]

    @Test("RFC 4648 §10 vectors encode", arguments: rfcVectors)
    func encode(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
    }

    @Test("RFC 4648 §10 vectors decode", arguments: rfcVectors)
    func decode(plain: String, encoded: String) {
        #expect(Base64.decode(encoded) == Array(plain.utf8))
    }

    @Test("the last two alphabet characters and the all-zero / all-one groups")
    func alphabetEdges() {
        // FB FF = 111110 111111 1111(00) → 62 '+', 63 '/', 60 '8', pad.
        #expect(Base64.encode([0xFB, 0xFF]) == "+/8=")
        #expect(Base64.encode([0xFF, 0xFF, 0xFF]) == "////")
        #expect(Base64.encode([0x00, 0x00, 0x00]) == "AAAA")
        #expect(Base64.decode("+/8=") == [0xFB, 0xFF])
        #expect(Base64.decode("////") == [0xFF, 0xFF, 0xFF])
    }

    @Test("unpadded input and ASCII white space are accepted")
    func lenient() {
        #expect(Base64.decode("Zg") == Array("f".utf8))
        #expect(Base64.decode("Zm8") == Array("fo".utf8))
        #expect(Base64.decode("Zm9v\r\nYmFy") == Array("foobar".utf8))
        #expect(Base64.decode(" Zm9v\tYg== ") == Array("foob".utf8))
    }

    @Test(
        "malformed input is refused",
        arguments: [
            "Z",  // a single leftover character carries only 6 bits
            "Zm9vY",  // likewise after a full group
            "Zg=",  // padding that does not complete the group
            "Zg===",  // too much padding
            "====",
            "Zh==",  // the low 4 bits of 'h' are not zero: not canonical
            "Zm9=",  // the low 2 bits of '9' are not zero
            "Zg=a",  // data after padding
            "Zm9v!",  // not in the alphabet
            "Zm9v-_",  // the URL-safe alphabet is not the standard one
        ])
    func refused(text: String) {
        #expect(Base64.decode(text) == nil)
    }

    @Test("random bytes round-trip, and the length is 4 * ceil(n / 3)")
    func roundTrip() {
        var rng = SplitMix64(seed: 0xB64)
        for length in 0...200 {
            let bytes = rng.bytes(length)
            let text = Base64.encode(bytes)
            #expect(text.utf8.count == (length + 2) / 3 * 4)
            #expect(Base64.decode(text) == bytes, "length \(length)")
        }
    }
}
