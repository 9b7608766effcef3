extension UTF8Validator {
    /// Sixteen bytes checked at once.
    @usableFromInline
    typealias Block = SIMD16<UInt8>

    /// Validates whole 16-byte blocks from `start`, which must be a character boundary at least 3 bytes into the
    /// piece (each block also reads the 3 bytes before it); returns where the character-wise path should resume,
    /// or nil if some byte in the blocks is invalid. It hands back early before a block of ASCII, which the caller
    /// skips faster.
    ///
    /// Each byte is judged from itself and the three bytes before it. Baseline x86-64 has no byte shuffle (pshufb
    /// is SSSE3), so the nibble-table lookups of Keiser & Lemire would be scalarised; these checks use only
    /// saturating subtraction, compares and bitwise logic, which SSE2 and NEON both have. The three lagged views are
    /// unaligned loads at offsets -1, -2 and -3 rather than shifts across blocks; the bytes before `start` end on a
    /// boundary, so they never call for a continuation byte at or after `start`.
    @inlinable
    static func validateBlocks(_ base: UnsafeRawPointer, from start: Int, count: Int) -> Int? {
        var index = start
        // Offsets stay within the buffer, so wrapping arithmetic cannot wrap; it spares the overflow checks.
        let lastBlock = count &- Block.scalarCount
        while index <= lastBlock {
            // Two whole blocks of ASCII ahead: hand back to the caller, which skips ASCII four times faster than
            // this checks it. Word loads on the scalar side, which the vector checks leave idle; a shorter run is
            // not worth the round trip.
            if index > start && index &+ 32 <= count && isASCII(base, index, words: 4) { break }
            // Up to four blocks per test of the error bits: a branch per block costs a fair share of its checks.
            let end = min(index &+ 4 &* Block.scalarCount, lastBlock &+ 1)
            var errors = Block.zero
            while index < end {
                errors |= errorBits(base, index)
                index &+= Block.scalarCount
            }
            if anyTopBit(errors) { return nil }
        }
        guard index > start else { return start }
        // The last character may run past the final block; resume at its lead byte so the character-wise path
        // checks it whole (it also refuses a bad lead byte in the last place, which only the next byte's lane
        // would have flagged). The blocks proved every continuation byte has a lead at most three places before
        // it, and `start` is no continuation byte, so this walks back at most three bytes and never before `start`.
        var resume = index - 1
        while base.load(fromByteOffset: resume, as: UInt8.self) & 0xC0 == 0x80 { resume -= 1 }
        return resume
    }

    /// The block at `offset`, judged against the three bytes before it: the top bit of a lane is set where that
    /// byte is invalid (other bits are noise).
    ///
    /// Most terms put their verdict in the top bit only (`atLeast`), so they combine with plain bitwise logic.
    /// Rules about a lead byte are checked in the lane after it, which must hold a continuation byte anyway.
    @inlinable @inline(__always)
    static func errorBits(_ base: UnsafeRawPointer, _ offset: Int) -> Block {
        let current = base.loadUnaligned(fromByteOffset: offset, as: Block.self)
        let back1 = base.loadUnaligned(fromByteOffset: offset &- 1, as: Block.self)
        let back2 = base.loadUnaligned(fromByteOffset: offset &- 2, as: Block.self)
        let back3 = base.loadUnaligned(fromByteOffset: offset &- 3, as: Block.self)
        // As signed bytes, continuation bytes 80–BF are exactly those below -64.
        let isContinuation = mask(signed(current) .< .init(repeating: -64))
        let lead1 = atLeast(back1, 0xC0)
        // A byte must be a continuation byte exactly when a lead byte one, two or three places back calls for
        // one; this catches stray continuations, truncated characters and over-long runs alike.
        var error = isContinuation ^ (lead1 | atLeast(back2, 0xE0) | atLeast(back3, 0xF0))
        // Lead bytes that never start a valid character: C0 and C1 (overlong two-byte forms) and F5–FF. Adding
        // 0xBE maps the good leads C2–F4 onto 80–B2, the most negative signed bytes, and the bad ones above them.
        error |= lead1 & mask(signed(back1 &+ .splat(0xBE)) .> .init(repeating: -78))
        // Second bytes narrower than 80–BF: A0–BF after E0 (no overlong three-byte forms), 80–9F after ED (no
        // UTF-16 surrogates), 90–BF after F0 (no overlong four-byte forms), 80–8F after F4 (nothing above
        // U+10FFFF). Adding 0x10 after F0–FF moves the 90 bound onto A0, so one test serves all four.
        let fromA0 = atLeast(current &+ (back1 & .splat(0x10)), 0xA0)
        let needsFromA0 = mask(back1 | .splat(0x10) .== .splat(0xF0))  // E0 or F0
        let needsBelowA0 = mask(back1 .== .splat(0xED) .| back1 .== .splat(0xF4))
        // The two lead sets are disjoint, so flipping `fromA0` where A0 is the lower bound marks both failures.
        error |= (needsFromA0 | needsBelowA0) & (fromA0 ^ needsFromA0)
        return error
    }

    /// Whether the `words` 8-byte words from `offset` are all ASCII.
    @inlinable @inline(__always)
    static func isASCII(_ base: UnsafeRawPointer, _ offset: Int, words: Int) -> Bool {
        var bits: UInt64 = 0
        for word in 0..<words { bits |= base.loadUnaligned(fromByteOffset: offset &+ 8 &* word, as: UInt64.self) }
        return bits & 0x8080_8080_8080_8080 == 0
    }

    /// Whether the top bit of any lane is set.
    @inlinable @inline(__always)
    static func anyTopBit(_ bits: Block) -> Bool {
        // Two 64-bit words tested together: the standard library's `any(_:)` is an out-of-line reduction.
        let words = unsafeBitCast(bits & .splat(0x80), to: SIMD2<UInt64>.self)
        return words[0] | words[1] != 0
    }

    /// 0xFF in the lanes `lanes` selects, 0 elsewhere.
    @inlinable @inline(__always)
    static func mask(_ lanes: SIMDMask<SIMD16<Int8>>) -> Block { Block.zero.replacing(with: 0xFF, where: lanes) }

    /// The same bytes read as signed, for compares SSE2 does in one instruction.
    @inlinable @inline(__always)
    static func signed(_ bytes: Block) -> SIMD16<Int8> { SIMD16<Int8>(truncatingIfNeeded: bytes) }

    /// Top bit set in the lanes of `bytes` that are at least `threshold` (0x80 or more); other bits are noise.
    @inlinable @inline(__always)
    static func atLeast(_ bytes: Block, _ threshold: UInt8) -> Block {
        // max(x, k) - k is x - k saturated at zero, which LLVM lowers to a single psubusb / uqsub.
        let bias = Block.splat(threshold - 0x80)
        return bytes.replacing(with: bias, where: bytes .< bias) &- bias
    }
}

extension SIMD16 where Scalar == UInt8 {
    /// `value` in every lane. Comparing two vectors compiles to vector compares, while comparing a vector with a
    /// scalar goes through a lane-by-lane loop in the standard library, so constants are spelled as vectors.
    @inlinable
    static func splat(_ value: UInt8) -> Self { Self(repeating: value) }
}
