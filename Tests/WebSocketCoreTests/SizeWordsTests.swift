import Testing

@testable import WebSocketCore

/// Sizes in error messages, in the units people use.
@Suite struct SizeWordsTests {
    @Test func sizes() {
        #expect(SizeWords.size(125) == "125 bytes")
        #expect(SizeWords.size(9_999) == "9999 bytes")
        #expect(SizeWords.size(16 << 10) == "16 KiB")
        #expect(SizeWords.size(128 << 20) == "128 MiB")
        #expect(SizeWords.size(1536 << 10) == "1.5 MiB")
        #expect(SizeWords.size(UInt64.max) == "16.0 EiB")
    }

    @Test func aDecompressionBombIsWordedInUnits() {
        let violation = ProtocolViolation.tooBig("inflated size passed the \(SizeWords.size(128 << 20)) limit")
        #expect(violation.headline == "1009 message too big: inflated size passed the 128 MiB limit")
    }
}
