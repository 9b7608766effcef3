import Testing

// The UTF-8 byte sequences of Autobahn TestSuite section 6 (crossbario/autobahn-testsuite,
// autobahntestsuite/autobahntestsuite/case/case6_2_*.py … case6_4_*.py and case6_x_x.py, which takes them from
// Markus Kuhn's UTF-8-test.txt), transcribed as bytes with the verdict Autobahn expects: valid text is echoed,
// invalid text must fail the connection with 1007.

/// One Autobahn UTF-8 case.
struct AutobahnUTF8Case: Sendable, CustomTestStringConvertible {
    var id: String
    var valid: Bool
    var bytes: [UInt8]
    var testDescription: String { "\(id) \(valid ? "valid" : "invalid") \(hexString(bytes.prefix(24)))" }
}

enum AutobahnUTF8Vectors {
    /// "κόσμε" (cases 6.2.4, 6.3.1, 6.4.x, 6.5.5, 6.6.x).
    static let kosme: [UInt8] = [0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xCF, 0x83, 0xCE, 0xBC, 0xCE, 0xB5]
    /// "edited" (the tail of cases 6.3.x and 6.4.x).
    static let edited: [UInt8] = [0x65, 0x64, 0x69, 0x74, 0x65, 0x64]
    /// Case 6.2.1's payload; the source file is UTF-8, so these are the same bytes Autobahn sends.
    static let hello = Array("Hello-µ@ßöäüàá-UTF-8!!".utf8)

    /// The single-message cases 6.5–6.23 (case6_x_x.py numbers its groups from 6.5).
    static let cases: [AutobahnUTF8Case] = {
        var all: [AutobahnUTF8Case] = []
        func group(_ number: Int, _ entries: [(Bool, [UInt8])]) {
            for (index, entry) in entries.enumerated() {
                all.append(AutobahnUTF8Case(id: "6.\(number).\(index + 1)", valid: entry.0, bytes: entry.1))
            }
        }
        let hello = Array("hello".utf8)
        let world = Array("world".utf8)

        // 6.5 Some valid UTF-8 sequences: U+0024, U+00A2, U+20AC, U+24B62, κόσμε.
        group(
            5,
            [
                (true, hello + [0x24] + world),
                (true, hello + [0xC2, 0xA2] + world),
                (true, hello + [0xE2, 0x82, 0xAC] + world),
                (true, hello + [0xF0, 0xA4, 0xAD, 0xA2] + world),
                (true, kosme),
            ])
        // 6.6 Every prefix of κόσμε: valid exactly when it ends after a whole character
        // (κ = CE BA, ό = E1 BD B9, σ = CF 83, μ = CE BC, ε = CE B5 end at 2, 5, 7, 9, 11).
        group(6, (1...kosme.count).map { ([2, 5, 7, 9, 11].contains($0), Array(kosme.prefix($0))) })
        // 6.7 First possible sequence of each length (U+0000, U+0080, U+0800, U+10000).
        group(7, [(true, [0x00]), (true, [0xC2, 0x80]), (true, [0xE0, 0xA0, 0x80]), (true, [0xF0, 0x90, 0x80, 0x80])])
        // 6.8 First 5- and 6-byte sequences: beyond U+10FFFF.
        group(8, [(false, [0xF8, 0x88, 0x80, 0x80, 0x80]), (false, [0xFC, 0x84, 0x80, 0x80, 0x80, 0x80])])
        // 6.9 Last possible sequence of each length (U+007F, U+07FF, U+FFFF, U+10FFFF).
        group(9, [(true, [0x7F]), (true, [0xDF, 0xBF]), (true, [0xEF, 0xBF, 0xBF]), (true, [0xF4, 0x8F, 0xBF, 0xBF])])
        // 6.10 Last 4-, 5- and 6-byte sequences of the old scheme: beyond U+10FFFF.
        group(
            10,
            [
                (false, [0xF7, 0xBF, 0xBF, 0xBF]), (false, [0xFB, 0xBF, 0xBF, 0xBF, 0xBF]),
                (false, [0xFD, 0xBF, 0xBF, 0xBF, 0xBF, 0xBF]),
            ])
        // 6.11 Other boundaries: U+D7FF, U+E000, U+FFFD, U+10FFFF valid; U+110000 invalid.
        group(
            11,
            [
                (true, [0xED, 0x9F, 0xBF]), (true, [0xEE, 0x80, 0x80]), (true, [0xEF, 0xBF, 0xBD]),
                (true, [0xF4, 0x8F, 0xBF, 0xBF]), (false, [0xF4, 0x90, 0x80, 0x80]),
            ])
        // 6.12 Unexpected continuation bytes, ending with every byte 0x80…0xBE (Python's xrange(0x80, 0xbf)).
        group(
            12,
            [
                [0x80], [0xBF], [0x80, 0xBF], [0x80, 0xBF, 0x80], [0x80, 0xBF, 0x80, 0xBF], [0x80, 0xBF, 0x80, 0xBF, 0x80],
                [0x80, 0xBF, 0x80, 0xBF, 0x80, 0xBF], Array(0x80..<0xBF),
            ].map { (false, $0) })
        // 6.13 Lonely start bytes, each followed by a space (xrange excludes the upper bound).
        group(
            13,
            [(0xC0, 0xDF), (0xE0, 0xEF), (0xF0, 0xF7), (0xF8, 0xFB), (0xFC, 0xFD)].map { (low: UInt8, high: UInt8) in
                (false, (low..<high).flatMap { [$0, 0x20] })
            })
        // 6.14 Sequences with the last continuation byte missing.
        let truncated: [[UInt8]] = [
            [0xC0], [0xE0, 0x80], [0xF0, 0x80, 0x80], [0xF8, 0x80, 0x80, 0x80], [0xFC, 0x80, 0x80, 0x80, 0x80],
            [0xDF], [0xEF, 0xBF], [0xF7, 0xBF, 0xBF], [0xFB, 0xBF, 0xBF, 0xBF], [0xFD, 0xBF, 0xBF, 0xBF, 0xBF],
        ]
        group(14, truncated.map { (false, $0) })
        // 6.15 All of 6.14 concatenated.
        group(15, [(false, truncated.flatMap { $0 })])
        // 6.16 Impossible bytes.
        group(16, [(false, [0xFE]), (false, [0xFF]), (false, [0xFE, 0xFE, 0xFF, 0xFF])])
        // 6.17 Overlong "/" (U+002F).
        group(
            17,
            [
                [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xF0, 0x80, 0x80, 0xAF], [0xF8, 0x80, 0x80, 0x80, 0xAF],
                [0xFC, 0x80, 0x80, 0x80, 0x80, 0xAF],
            ].map { (false, $0) })
        // 6.18 Maximum overlong sequences.
        group(
            18,
            [
                [0xC1, 0xBF], [0xE0, 0x9F, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF], [0xF8, 0x87, 0xBF, 0xBF, 0xBF],
                [0xFC, 0x83, 0xBF, 0xBF, 0xBF, 0xBF],
            ].map { (false, $0) })
        // 6.19 Overlong NUL.
        group(
            19,
            [
                [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xF0, 0x80, 0x80, 0x80], [0xF8, 0x80, 0x80, 0x80, 0x80],
                [0xFC, 0x80, 0x80, 0x80, 0x80, 0x80],
            ].map { (false, $0) })
        // 6.20 Single UTF-16 surrogates U+D800, U+DB7F, U+DB80, U+DBFF, U+DC00, U+DF80, U+DFFF.
        let surrogates: [[UInt8]] = [
            [0xED, 0xA0, 0x80], [0xED, 0xAD, 0xBF], [0xED, 0xAE, 0x80], [0xED, 0xAF, 0xBF],
            [0xED, 0xB0, 0x80], [0xED, 0xBE, 0x80], [0xED, 0xBF, 0xBF],
        ]
        group(20, surrogates.map { (false, $0) })
        // 6.21 Paired UTF-16 surrogates.
        let high: [[UInt8]] = [[0xED, 0xA0, 0x80], [0xED, 0xAD, 0xBF], [0xED, 0xAE, 0x80], [0xED, 0xAF, 0xBF]]
        let low: [[UInt8]] = [[0xED, 0xB0, 0x80], [0xED, 0xBF, 0xBF]]
        group(21, high.flatMap { h in low.map { (false, h + $0) } })
        // 6.22 Noncharacters are valid UTF-8 (RFC 3629): U+FFFE, U+FFFF, then U+nFFFE / U+nFFFF for planes 1–16
        // (F0–F4 with 8F/9F/AF/BF, BF, BE/BF), skipping F4 above 8F (> U+10FFFF) and the overlong F0 8F.
        var nonCharacters: [[UInt8]] = [[0xEF, 0xBF, 0xBE], [0xEF, 0xBF, 0xBF]]
        for z1: UInt8 in [0xF0, 0xF1, 0xF2, 0xF3, 0xF4] {
            for z2: UInt8 in [0x8F, 0x9F, 0xAF, 0xBF] where !(z1 == 0xF4 && z2 != 0x8F) && !(z1 == 0xF0 && z2 == 0x8F) {
                for z3: UInt8 in [0xBE, 0xBF] { nonCharacters.append([z1, z2, 0xBF, z3]) }
            }
        }
        group(22, nonCharacters.map { (true, $0) })
        // 6.23 The Specials block U+FFF9…U+FFFF, all valid.
        group(23, (0xB9...0xBF).map { (true, [0xEF, 0xBF, $0]) })
        return all
    }()

    /// The fragmented cases 6.2–6.4: a message and the pieces Autobahn sends it in, with the verdict and, for
    /// invalid messages, the index of the first byte that rules the message out.
    struct Fragmented: Sendable, CustomTestStringConvertible {
        var id: String
        var pieces: [[UInt8]]
        var valid: Bool
        var failIndex: Int?
        var testDescription: String { id }
        var message: [UInt8] { pieces.flatMap { $0 } }
    }

    static let fragmented: [Fragmented] = {
        let invalid631 = kosme + [0xED, 0xA0, 0x80] + edited
        let invalid641 = kosme + [0xF4, 0x90, 0x80, 0x80] + edited
        return [
            Fragmented(id: "6.2.1", pieces: [hello], valid: true),
            Fragmented(id: "6.2.2", pieces: [Array("Hello-µ@ßöä".utf8), Array("üàá-UTF-8!!".utf8)], valid: true),
            Fragmented(id: "6.2.3", pieces: hello.map { [$0] }, valid: true),
            Fragmented(id: "6.2.4", pieces: kosme.map { [$0] }, valid: true),
            // "invalid exactly on byte 12 (\xa0)": ED may start U+D000…U+D7FF, the A0 after it makes a surrogate.
            Fragmented(id: "6.3.1", pieces: [invalid631], valid: false, failIndex: 12),
            Fragmented(id: "6.3.2", pieces: invalid631.map { [$0] }, valid: false, failIndex: 12),
            // "invalid exactly on byte 12 (\x90)": F4 90 would be U+110000 or above.
            Fragmented(id: "6.4.1", pieces: [kosme, [0xF4, 0x90, 0x80, 0x80], edited], valid: false, failIndex: 12),
            Fragmented(
                id: "6.4.2", pieces: [Array(invalid641[..<12]), [invalid641[12]], Array(invalid641[13...])],
                valid: false, failIndex: 12),
            Fragmented(id: "6.4.3", pieces: [kosme, [0xF4, 0x90, 0x80, 0x80], edited], valid: false, failIndex: 12),
            Fragmented(
                id: "6.4.4", pieces: [Array(invalid641[..<12]), [invalid641[12]], Array(invalid641[13...])],
                valid: false, failIndex: 12),
        ]
    }()
}
