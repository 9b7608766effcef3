import ClientTestSupport
import Testing
import WebSocketCore

/// The incremental validator against Autobahn section 6's byte sequences, fail-fast positions, and Swift's own
/// UTF-8 decoder as an independent oracle.
@Suite struct UTF8ValidatorTests {
    /// Swift's standard-library decoder, which implements the same well-formedness rules (Unicode Table 3-7).
    static func oracle(_ bytes: [UInt8]) -> Bool { String(validating: bytes, as: UTF8.self) != nil }

    /// Whether `bytes` can still be completed into valid UTF-8, decided with the oracle alone: a prefix is viable
    /// when appending at most three continuation bytes (the smallest each lead byte accepts is 80, 90 or A0) makes
    /// it valid.
    static func oracleIsViablePrefix(_ bytes: [UInt8]) -> Bool {
        let fillers: [UInt8] = [0x80, 0x90, 0xA0]
        var suffixes: [[UInt8]] = [[]]
        for _ in 0..<3 { suffixes += suffixes.filter { $0.count == suffixes.last!.count }.flatMap { s in fillers.map { s + [$0] } } }
        return suffixes.contains { oracle(bytes + $0) }
    }

    /// The index at which a byte-at-a-time `validate` first returns false, or nil.
    private static func failIndex(_ bytes: [UInt8]) -> Int? {
        var validator = UTF8Validator()
        for (index, byte) in bytes.enumerated() where !validator.validate([byte]) { return index }
        return nil
    }

    @Test("Autobahn 6.5–6.23", arguments: AutobahnUTF8Vectors.cases)
    func autobahnCase(_ testCase: AutobahnUTF8Case) {
        let bytes = testCase.bytes
        #expect(UTF8Validator.isValid(bytes) == testCase.valid)
        // The oracle agrees with Autobahn, which shows the transcription is right.
        #expect(Self.oracle(bytes) == testCase.valid, "oracle disagrees with Autobahn: transcription error?")

        // Fed in two pieces at every cut, the verdict is the same.
        for cut in 0...bytes.count {
            var validator = UTF8Validator()
            let ok = validator.validate(bytes[..<cut]) && validator.validate(bytes[cut...]) && validator.isComplete
            #expect(ok == testCase.valid, "cut at \(cut)")
        }
        // Fed one byte at a time, the verdict is the same.
        var validator = UTF8Validator()
        let bytewise = bytes.allSatisfy { validator.validate([$0]) } && validator.isComplete
        #expect(bytewise == testCase.valid)
    }

    @Test("Autobahn 6.2–6.4: messages in fragments and chops", arguments: AutobahnUTF8Vectors.fragmented)
    func autobahnFragmented(_ testCase: AutobahnUTF8Vectors.Fragmented) {
        var validator = UTF8Validator()
        var failedInPiece: Int?
        for (index, piece) in testCase.pieces.enumerated() where !validator.validate(piece) {
            failedInPiece = index
            break
        }
        #expect((failedInPiece == nil && validator.isComplete) == testCase.valid)
        #expect(Self.oracle(testCase.message) == testCase.valid)
        if let expected = testCase.failIndex {
            // Fail fast: the piece holding the offending byte is the one that fails, not a later one.
            var start = 0
            var pieceOfByte = 0
            for (index, piece) in testCase.pieces.enumerated() {
                if expected < start + piece.count {
                    pieceOfByte = index
                    break
                }
                start += piece.count
            }
            #expect(failedInPiece == pieceOfByte)
            #expect(Self.failIndex(testCase.message) == expected)
        }
    }

    @Test("fail-fast: κόσμε F4 90 80 80 edited fails at the 0x90, not at the end")
    func failFastAutobahn641() {
        let bytes = hex("cebae1bdb9cf83cebcceb5 f4 90 80 80 65 6469746564")
        var validator = UTF8Validator()
        for (index, byte) in bytes.enumerated() {
            let ok = validator.validate([byte])
            if index < 12 {
                #expect(ok, "byte \(index) (\(hexString([byte]))) should still be acceptable")
            } else {
                #expect(!ok, "byte \(index) should be refused: the input was ruled out at byte 12")
            }
        }
        #expect(validator.hasFailed)
        #expect(Self.failIndex(bytes) == 12)
    }

    @Test(
        "fail-fast positions of hand-picked inputs",
        arguments: [
            ([UInt8]([0xF5]), 0),  // never a lead byte
            ([0xC0, 0x80], 0),  // C0 only starts overlong forms
            ([0xC1, 0xBF], 0),
            ([0xE0, 0x80, 0x80], 1),  // E0 must be followed by A0–BF
            ([0xED, 0xA0, 0x80], 1),  // ED A0 is a surrogate
            ([0xF0, 0x8F, 0xBF, 0xBF], 1),  // F0 must be followed by 90–BF
            ([0x41, 0x42, 0xE2, 0x82, 0x41], 4),  // a character cut short by ASCII
            ([0x41, 0xBF], 1),  // a stray continuation byte
            (Array(repeating: 0x61, count: 20) + [0xFF], 20),  // after a run the ASCII fast path skips
        ])
    func failFastPositions(bytes: [UInt8], index: Int) {
        #expect(Self.failIndex(bytes) == index)
        #expect(!Self.oracleIsViablePrefix(Array(bytes[...index])))
        #expect(Self.oracleIsViablePrefix(Array(bytes[..<index])))
    }

    @Test("a truncated tail is valid so far but not complete")
    func truncatedTail() {
        var validator = UTF8Validator()
        let result1 = validator.validate([0x61, 0xE2, 0x82])
        #expect(result1)  // "a" and the first two bytes of €
        #expect(!validator.isComplete)
        #expect(!validator.hasFailed)
        let result2 = validator.validate([0xAC])
        #expect(result2)
        #expect(validator.isComplete)
        #expect(!UTF8Validator.isValid([0xF0, 0x9F, 0x98]))  // 😀 without its last byte
        #expect(UTF8Validator.isValid([0xF0, 0x9F, 0x98, 0x80]))
    }

    @Test("once failed, later valid bytes do not revive it")
    func stickyFailure() {
        var validator = UTF8Validator()
        let result3 = validator.validate([0xFF])
        #expect(!result3)
        let result4 = validator.validate(Array("plain ascii".utf8))
        #expect(!result4)
        #expect(validator.hasFailed)
        #expect(!validator.isComplete)
    }

    @Test("empty input is valid and complete")
    func empty() {
        var validator = UTF8Validator()
        let result5 = validator.validate([UInt8]())
        #expect(result5)
        #expect(validator.isComplete)
        #expect(UTF8Validator.isValid([UInt8]()))
    }

    @Test("a bad byte at every position of an ASCII run is found (the 8-byte fast path)")
    func asciiFastPath() {
        for position in 0..<40 {
            for bad: UInt8 in [0x80, 0xC0, 0xFF] {
                var bytes = [UInt8](repeating: 0x41, count: 40)
                bytes[position] = bad
                #expect(!UTF8Validator.isValid(bytes), "bad byte \(hexString([bad])) at \(position)")
                #expect(Self.failIndex(bytes) == position)
            }
            // And a valid two-byte character at the same place is accepted.
            var good = [UInt8](repeating: 0x41, count: 40)
            good.replaceSubrange(position..<position + 1, with: [0xC3, 0xA9])
            #expect(UTF8Validator.isValid(good))
        }
    }

    @Test("every code point U+0000…U+10FFFF except surrogates is valid; every surrogate is not")
    func allCodePoints() async throws {
        // Encoded by hand from RFC 3629 §3 rather than with the validator's help, straight into one buffer
        // (a validator and an array per code point would be slow in a debug build). Seconds of work in a debug
        // build, so it runs off the cooperative pool.
        try await checkOffThePool { failures in
            func encode(_ c: UInt32, into out: inout [UInt8]) {
                switch c {
                case 0..<0x80:
                    out.append(UInt8(c))
                case 0x80..<0x800:
                    out.append(UInt8(0xC0 | c >> 6))
                    out.append(UInt8(0x80 | c & 0x3F))
                case 0x800..<0x10000:
                    out.append(UInt8(0xE0 | c >> 12))
                    out.append(UInt8(0x80 | c >> 6 & 0x3F))
                    out.append(UInt8(0x80 | c & 0x3F))
                default:
                    out.append(UInt8(0xF0 | c >> 18))
                    out.append(UInt8(0x80 | c >> 12 & 0x3F))
                    out.append(UInt8(0x80 | c >> 6 & 0x3F))
                    out.append(UInt8(0x80 | c & 0x3F))
                }
            }
            var valid: [UInt8] = []
            valid.reserveCapacity(4 * 0x110000)
            for c in UInt32(0)..<0xD800 { encode(c, into: &valid) }
            for c in UInt32(0xE000)...0x10FFFF { encode(c, into: &valid) }
            if !UTF8Validator.isValid(valid) { failures.append("the well-formed encoding of every code point was rejected") }
            for c in UInt32(0xD800)...0xDFFF {
                var surrogate: [UInt8] = []
                encode(c, into: &surrogate)
                if UTF8Validator.isValid(surrogate) {
                    failures.append("surrogate U+\(String(c, radix: 16)) accepted")
                    break
                }
            }
            // Just above the top: U+110000 in the four-byte form.
            var tooBig: [UInt8] = []
            encode(0x110000, into: &tooBig)
            if tooBig != [0xF4, 0x90, 0x80, 0x80] { failures.append("U+110000 encoded as \(tooBig)") }
            if UTF8Validator.isValid(tooBig) { failures.append("U+110000 accepted") }
        }
    }

    @Test("agrees with Swift's decoder on random byte strings")
    func randomAgainstOracle() {
        let seed: UInt64 = 0x0DEC0DE
        var rng = SplitMix64(seed: seed)
        // Bytes drawn from the classes that matter, so valid strings are common too.
        let classes: [ClosedRange<UInt8>] = [
            0x00...0x7F, 0x80...0x8F, 0x90...0x9F, 0xA0...0xBF, 0xC0...0xC1, 0xC2...0xDF,
            0xE0...0xE0, 0xE1...0xEC, 0xED...0xED, 0xEE...0xEF, 0xF0...0xF0,
            0xF1...0xF3, 0xF4...0xF4, 0xF5...0xFF,
        ]
        var validCount = 0
        for iteration in 0..<4000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &rng) {
                if Bool.random(using: &rng) {
                    // A well-formed character, encoded by the standard library.
                    let scalar = Unicode.Scalar(UInt32.random(in: 0...0x10FFFF, using: &rng)) ?? "?"
                    bytes += Array(String(scalar).utf8)
                } else {
                    // One byte from a class the UTF-8 rules treat alike.
                    bytes.append(UInt8.random(in: classes.randomElement(using: &rng)!, using: &rng))
                }
            }
            let expected = Self.oracle(bytes)
            if expected { validCount += 1 }
            #expect(
                UTF8Validator.isValid(bytes) == expected,
                "seed 0x\(String(seed, radix: 16)) iteration \(iteration): \(hexString(bytes))")
            if iteration < 400, let index = Self.failIndex(bytes) {
                // The first refused byte is exactly where the input stops being a viable prefix.
                #expect(!Self.oracleIsViablePrefix(Array(bytes[...index])), "\(hexString(bytes)) at \(index)")
                #expect(Self.oracleIsViablePrefix(Array(bytes[..<index])), "\(hexString(bytes)) at \(index)")
            }
        }
        #expect(validCount > 100, "the generator should produce a fair share of valid strings")
    }
}
