import Inspector
import Testing

@testable import Terminal

/// Bracketed paste and Alt-Enter from what `wget_wch` hands back.
@Suite struct InputDecoderTests {
    func raw(_ text: String) -> [RawInput] { text.unicodeScalars.map { .character($0.value) } }

    @Test func aBracketedPasteIsOneKeyWithItsLineBreaks() {
        var decoder = InputDecoder()
        let keys = decoder.decode(raw("x\u{1B}[200~{\r  \"op\": 1\r\n}\u{1B}[201~q"), complete: true)
        #expect(keys == [.character("x"), .paste("{\n  \"op\": 1\n}"), .character("q")])
    }

    @Test func aPasteSpanningReadsStaysWhole() {
        var decoder = InputDecoder()
        #expect(decoder.decode(raw("\u{1B}[200~line one\r"), complete: true) == [])
        #expect(decoder.isPasting)
        #expect(decoder.decode(raw("line two\u{1B}[20"), complete: true) == [], "a split end marker waits")
        #expect(decoder.decode(raw("1~"), complete: true) == [.paste("line one\nline two")])
        #expect(!decoder.isPasting)
    }

    @Test func aStartMarkerCutAtTheBatchLimitWaitsForTheRest() {
        var decoder = InputDecoder()
        #expect(decoder.decode(raw("a\u{1B}[2"), complete: false) == [.character("a")])
        #expect(decoder.decode(raw("00~b\u{1B}[201~"), complete: true) == [.paste("b")])
    }

    @Test func escapeSequencesThatAreNotMarkersAreKeys() {
        var decoder = InputDecoder()
        #expect(decoder.decode(raw("\u{1B}\r"), complete: true) == [.altEnter])
        #expect(decoder.decode(raw("\u{1B}k"), complete: true) == [.escape, .character("k")])
        #expect(decoder.decode(raw("\u{1B}"), complete: true) == [.escape])
        #expect(decoder.decode(raw("\u{1B}[2"), complete: true) == [.escape, .character("["), .character("2")])
    }
}
