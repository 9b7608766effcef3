import ClientTestSupport
import Testing
import WebSocketCore

/// The validator's 16-byte block path (taken by mixed text once a piece has at least 19 bytes) against Swift's own
/// decoder: every invalid class at every offset around block boundaries, random mixed text, and splits into two
/// pieces, where the piece holding the first bad byte must be the one that fails.
@Suite struct UTF8ValidatorBlockTests {
    private static let oracle = UTF8ValidatorTests.oracle
    private static let isViablePrefix = UTF8ValidatorTests.oracleIsViablePrefix

    /// The index of the first byte after which the input can no longer become valid (by the oracle alone), or nil.
    private static func firstBadIndex(_ bytes: [UInt8]) -> Int? {
        if isViablePrefix(bytes) { return nil }
        // Viability only ever goes from true to false as bytes are added, so search for the turning point.
        var low = 0
        var high = bytes.count - 1
        while low < high {
            let middle = (low + high) / 2
            if isViablePrefix(Array(bytes[...middle])) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Checks the verdict whole and in two pieces at each cut: the first piece fails exactly when it holds the
    /// first bad byte, the second fails whenever the input is bad, and a good input is complete only if valid.
    /// Failures are appended to `failures` (the checks run off the cooperative pool; see `checkOffThePool`).
    private static func check(
        _ bytes: [UInt8], cuts: some Sequence<Int>, _ note: @autoclosure () -> String, into failures: inout [String]
    ) {
        let valid = oracle(bytes)
        let bad = firstBadIndex(bytes)
        if UTF8Validator.isValid(bytes) != valid { failures.append("\(note()): whole verdict \(!valid): \(hexString(bytes))") }
        for cut in cuts {
            var validator = UTF8Validator()
            let first = validator.validate(bytes[..<cut])
            let second = validator.validate(bytes[cut...])
            let ok: Bool
            if let bad {
                ok = first == (bad >= cut) && !second
            } else {
                ok = first && second && validator.isComplete == valid
            }
            if !ok {
                failures.append(
                    "\(note()), cut \(cut), first bad byte \(bad.map(String.init) ?? "none"): first \(first), second \(second): \(hexString(bytes))"
                )
            }
        }
    }

    /// One character of each length (U+0061, U+00E9, U+6771, U+1F642).
    private static let characters: [[UInt8]] = ["a", "é", "東", "🙂"].map { Array($0.utf8) }

    /// Random well-formed characters until at least `count` bytes, weighted towards two- and three-byte ones.
    private static func validText(atLeast count: Int, using rng: inout SplitMix64) -> [UInt8] {
        var bytes: [UInt8] = []
        while bytes.count < count {
            let scalar: UInt32
            switch Int.random(in: 0..<10, using: &rng) {
            case 0..<2: scalar = UInt32.random(in: 0x20...0x7E, using: &rng)
            case 2..<5: scalar = UInt32.random(in: 0x80...0x7FF, using: &rng)
            case 5..<9: scalar = UInt32.random(in: 0x800...0xFFFF, using: &rng)
            default: scalar = UInt32.random(in: 0x10000...0x10FFFF, using: &rng)
            }
            bytes += Array(String(Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8)
        }
        return bytes
    }

    /// One sample of every way a byte sequence goes wrong, with the valid neighbours of each bound.
    static let invalidPatterns: [(String, [UInt8])] = [
        ("overlong 2-byte C0", [0xC0, 0x80]), ("overlong 2-byte C1", [0xC1, 0xBF]),
        ("overlong 3-byte", [0xE0, 0x80, 0x80]), ("overlong 3-byte, top", [0xE0, 0x9F, 0xBF]),
        ("overlong 4-byte", [0xF0, 0x80, 0x80, 0x80]), ("overlong 4-byte, top", [0xF0, 0x8F, 0xBF, 0xBF]),
        ("surrogate D800", [0xED, 0xA0, 0x80]), ("surrogate DFFF", [0xED, 0xBF, 0xBF]),
        ("U+110000", [0xF4, 0x90, 0x80, 0x80]), ("F4 BF", [0xF4, 0xBF, 0xBF, 0xBF]),
        ("stray 80", [0x80]), ("stray BF", [0xBF]), ("two continuations after C3", [0xC3, 0xA9, 0xA9]),
        ("C3 then ASCII", [0xC3, 0x41]), ("E2 82 then ASCII", [0xE2, 0x82, 0x41]),
        ("F0 9F 98 then ASCII", [0xF0, 0x9F, 0x98, 0x41]), ("lead then lead", [0xE2, 0xC3, 0xA9]),
        ("F5", [0xF5, 0x80, 0x80, 0x80]), ("F7", [0xF7, 0xBF, 0xBF, 0xBF]),
        ("5-byte F8", [0xF8, 0x88, 0x80, 0x80, 0x80]), ("6-byte FC", [0xFC, 0x84, 0x80, 0x80, 0x80, 0x80]),
        ("FE", [0xFE]), ("FF", [0xFF]),
    ]

    /// The valid neighbours of every bound the invalid patterns cross.
    static let boundaryCharacters: [[UInt8]] = [
        [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80],
        [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF3, 0xBF, 0xBF, 0xBF],
    ]

    @Test("every invalid class at every offset across block boundaries, in one piece and in two")
    func invalidAtEveryOffset() async throws {
        try await checkOffThePool { failures in
            var rng = SplitMix64(seed: 0xB10C_5)
            for (name, pattern) in Self.invalidPatterns {
                for offset in 0..<40 {
                    // Three kinds of lead-in: mixed text, one repeated character, and mixed text ending in a run of
                    // ASCII long enough that the block path hands back to the ASCII skip just before the pattern.
                    let filler = Self.characters[offset % 4]
                    let leadIns: [[UInt8]] = [
                        Array(Self.validText(atLeast: offset, using: &rng).prefix(offset)),
                        Array(Array(repeating: filler, count: offset).joined().prefix(offset)),
                        Self.validText(atLeast: 20, using: &rng) + Array(repeating: 0x61, count: 32 + offset % 8),
                    ]
                    for (kind, leadIn) in leadIns.enumerated() {
                        // A prefix cut inside a character would itself be invalid: trim to the last whole character.
                        var head = leadIn
                        while !Self.oracle(head) { head.removeLast() }
                        let bytes = head + pattern + Self.validText(atLeast: 24, using: &rng)
                        // Every cut near the pattern and the block edges around it; a sample elsewhere.
                        let cuts = (0...bytes.count).filter { abs($0 - head.count) < 20 || $0 % 7 == 0 }
                        Self.check(bytes, cuts: cuts, "\(name) after \(head.count) bytes (lead-in \(kind))", into: &failures)
                    }
                }
            }
        }
    }

    @Test("the bound's valid neighbours at every offset are accepted")
    func validBoundsAtEveryOffset() {
        var rng = SplitMix64(seed: 0x600D)
        for character in Self.boundaryCharacters {
            for offset in 0..<40 {
                let bytes = Self.validText(atLeast: offset, using: &rng) + character + Self.validText(atLeast: 24, using: &rng)
                #expect(UTF8Validator.isValid(bytes), "\(hexString(character)): \(hexString(bytes))")
            }
        }
        // Long mixed text at every alignment.
        for shift in 0..<16 {
            let bytes = Array(repeating: 0x61, count: shift) + Self.validText(atLeast: 400, using: &rng)
            #expect(UTF8Validator.isValid(bytes), "shift \(shift)")
        }
    }

    @Test("agrees with Swift's decoder on random mixed text with random damage, split at every cut")
    func randomDamage() async throws {
        try await checkOffThePool { failures in
            let seed: UInt64 = 0x5EED_0F_B10C
            var rng = SplitMix64(seed: seed)
            var validCount = 0
            for iteration in 0..<1500 {
                var bytes = Self.validText(atLeast: Int.random(in: 0...70, using: &rng), using: &rng)
                // Damage most inputs: overwrite, insert or delete a byte, or cut the end off.
                switch bytes.isEmpty ? 4 : Int.random(in: 0..<5, using: &rng) {
                case 0: bytes[Int.random(in: bytes.indices, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                case 1: bytes.insert(UInt8.random(in: 0x80...0xFF, using: &rng), at: Int.random(in: 0...bytes.count, using: &rng))
                case 2: bytes.remove(at: Int.random(in: bytes.indices, using: &rng))
                case 3: bytes.removeLast(Int.random(in: 1...min(3, bytes.count), using: &rng))
                default: break
                }
                if Self.oracle(bytes) { validCount += 1 }
                let cuts = iteration < 300 ? Array(0...bytes.count) : [Int.random(in: 0...bytes.count, using: &rng)]
                Self.check(bytes, cuts: cuts, "seed 0x\(String(seed, radix: 16)) iteration \(iteration)", into: &failures)
            }
            if !(validCount > 200 && validCount < 1300) {
                failures.append("the generator should produce both kinds often: \(validCount) of 1500 valid")
            }
        }
    }
}
