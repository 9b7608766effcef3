import ClientTestSupport
import Testing
import WebSocketCore

/// The word-at-a-time XOR of RFC 6455 §5.3 against the byte-wise definition ("octet i of the transformed data is
/// octet i of the original data XOR octet at index i modulo 4 of the masking key"), written in TestSupport.
@Suite struct MaskingTests {
    @Test("every length 0...300 at every offset 0...7 matches the byte-wise reference")
    func lengthsAndOffsets() {
        let seed: UInt64 = 0x3A5C
        var rng = SplitMix64(seed: seed)
        for length in 0...300 {
            for offset in 0...7 {
                let key = rng.bytes(4)
                let input = rng.bytes(length)
                var masked = input
                Masking.apply(MaskingKey(key[0], key[1], key[2], key[3]), to: &masked, offset: offset)
                #expect(
                    masked == referenceMask(input, key: key, offset: offset),
                    "seed 0x\(String(seed, radix: 16)) length \(length) offset \(offset) key \(hexString(key))")
            }
        }
    }

    @Test("copying with a mask equals copying then masking, for every length 0...300")
    func fusedCopy() {
        var rng = SplitMix64(seed: 0xC0B1)
        for length in 0...300 {
            let key = rng.bytes(4)
            let input = rng.bytes(length)
            var output = [UInt8](repeating: 0xEE, count: length + 3)
            input.withUnsafeBytes { source in
                output.withUnsafeMutableBytes { Masking.copy(source, maskedWith: MaskingKey(key[0], key[1], key[2], key[3]), into: $0) }
            }
            #expect(Array(output[..<length]) == referenceMask(input, key: key, offset: 0), "length \(length)")
            #expect(output[length...].allSatisfy { $0 == 0xEE }, "wrote past the source length \(length)")
        }
    }

    @Test("buffers that do not start on an 8-byte boundary are masked correctly")
    func unalignedStart() {
        // The word loop uses unaligned loads; start the buffer 1...7 bytes into an allocation to exercise that.
        var rng = SplitMix64(seed: 0xA11)
        let key = rng.bytes(4)
        for start in 1...7 {
            let input = rng.bytes(start + 100)
            var buffer = input
            buffer.withUnsafeMutableBytes { raw in
                let piece = UnsafeMutableRawBufferPointer(rebasing: raw[start...])
                Masking.apply(MaskingKey(key[0], key[1], key[2], key[3]), to: piece)
            }
            #expect(Array(buffer[..<start]) == Array(input[..<start]), "bytes before the piece were touched")
            #expect(Array(buffer[start...]) == referenceMask(Array(input[start...]), key: key), "start \(start)")
        }
    }

    @Test("a random 1 MiB buffer matches the reference, and masking twice restores it")
    func oneMebibyte() {
        var rng = SplitMix64(seed: 0x1_0000_0000)
        let key = rng.bytes(4)
        let maskingKey = MaskingKey(key[0], key[1], key[2], key[3])
        let input = rng.bytes(1 << 20)
        var masked = input
        Masking.apply(maskingKey, to: &masked)
        #expect(masked == referenceMask(input, key: key))
        Masking.apply(maskingKey, to: &masked)
        #expect(masked == input)
    }

    @Test("masking a payload in pieces with running offsets equals masking it whole")
    func inPieces() {
        var rng = SplitMix64(seed: 0x9_1ECE)
        let key = rng.bytes(4)
        let maskingKey = MaskingKey(key[0], key[1], key[2], key[3])
        let input = rng.bytes(1000)
        for _ in 0..<50 {
            var pieces = input
            var start = 0
            while start < pieces.count {
                let end = min(pieces.count, start + Int.random(in: 1...37, using: &rng))
                var piece = Array(pieces[start..<end])
                Masking.apply(maskingKey, to: &piece, offset: start)
                pieces.replaceSubrange(start..<end, with: piece)
                start = end
            }
            #expect(pieces == referenceMask(input, key: key))
        }
    }

    @Test("masking twice restores the input for every length 0...64")
    func involution() {
        var rng = SplitMix64(seed: 0x2)
        for length in 0...64 {
            let key = rng.bytes(4)
            let maskingKey = MaskingKey(key[0], key[1], key[2], key[3])
            let input = rng.bytes(length)
            var bytes = input
            Masking.apply(maskingKey, to: &bytes, offset: length % 4)
            Masking.apply(maskingKey, to: &bytes, offset: length % 4)
            #expect(bytes == input)
        }
    }

    @Test("an all-zero key leaves bytes as they are")
    func zeroKey() {
        var bytes: [UInt8] = Array(0...255)
        Masking.apply(MaskingKey(0, 0, 0, 0), to: &bytes)
        #expect(bytes == Array(0...255))
    }
}

/// RFC 6455 §5.3 requires unpredictable keys; the least a test can check is that they do not repeat.
@Suite struct MaskingKeySourceTests {
    @Test("10000 keys are almost all distinct")
    func distinct() {
        var source = MaskingKeySource()
        var keys: [MaskingKey] = []
        for _ in 0..<10_000 { keys.append(source.next()) }
        // Among 10000 uniform 32-bit keys the expected number of colliding pairs is about
        // 10000² / 2 / 2³² ≈ 0.012, so more than two repeats means the keys are not random.
        let distinct = Set(keys).count
        #expect(distinct >= 9_998, "only \(distinct) distinct keys out of 10000")
        // The source pre-fills an empty block; an all-zero key more than once would mean it was never refilled.
        #expect(keys.filter { $0 == MaskingKey(0, 0, 0, 0) }.count <= 1)
    }

    @Test("two sources do not produce the same keys")
    func independentSources() {
        var a = MaskingKeySource()
        var b = MaskingKeySource()
        let fromA = (0..<16).map { _ in a.next() }
        let fromB = (0..<16).map { _ in b.next() }
        #expect(fromA != fromB)
    }
}
