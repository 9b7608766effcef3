import Testing

@testable import Inspector

@Suite struct SafeTextTests {
    @Test func c0ControlsBecomeControlPictures() {
        #expect(SafeText.escape([0x1B, 0x5B, 0x32, 0x4A]) == "␛[2J")
        #expect(SafeText.escape([0x00, 0x07, 0x0A, 0x0D, 0x09]) == "␀␇␊␍␉")
        #expect(SafeText.escape("a\u{1B}]0;title\u{07}b") == "a␛]0;title␇b")
    }

    @Test func delAndC1() {
        #expect(SafeText.escape([0x7F]) == "␡")
        #expect(SafeText.escape("\u{9B}31m") == "\\x9b31m")
        #expect(SafeText.escape([0xC2, 0x9B]) == "\\x9b")
        #expect(SafeText.escape([0xC2, 0x85]) == "\\x85")
    }

    @Test func bidiControlsBecomePlaceholders() {
        #expect(SafeText.escape("abc\u{202E}def") == "abc<U+202E>def")
        #expect(SafeText.escape("\u{2066}x\u{2069}\u{200F}\u{061C}") == "<U+2066>x<U+2069><U+200F><U+061C>")
        #expect(SafeText.escape("\u{2028}") == "<U+2028>")
    }

    @Test func invalidUTF8BecomesHexBytes() {
        #expect(SafeText.escape([0x61, 0xFF, 0x62]) == "a\\xffb")
        #expect(SafeText.escape([0xC0, 0xAF]) == "\\xc0\\xaf")  // overlong "/"
        #expect(SafeText.escape([0xED, 0xA0, 0x80]) == "\\xed\\xa0\\x80")  // a UTF-16 surrogate
        #expect(SafeText.escape([0xE2, 0x82]) == "\\xe2\\x82")  // truncated €
        #expect(SafeText.escape([0xF4, 0x90, 0x80, 0x80]) == "\\xf4\\x90\\x80\\x80")  // above U+10FFFF
    }

    @Test func validTextPassesThrough() {
        let text = "héllo 世界 🎉 e\u{301}"
        #expect(SafeText.escape(Array(text.utf8)) == text)
        #expect(SafeText.escape(text) == text)
    }

    @Test func osc52ClipboardWriteIsInert() {
        let osc52 = "\u{1B}]52;c;aGVsbG8=\u{07}"
        let escaped = SafeText.escape(osc52)
        #expect(escaped == "␛]52;c;aGVsbG8=␇")
        #expect(!SafeText.containsUnsafe(escaped))
    }

    @Test func linesSplitAtLineFeeds() {
        #expect(SafeText.lines(Array("GET / HTTP/1.1\r\nHost: x\u{1B}\r\n\r\n".utf8)) == ["GET / HTTP/1.1", "Host: x␛", "", ""])
    }
}

@Suite struct DisplayWidthTests {
    @Test func widths() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("世界") == 4)
        #expect(DisplayWidth.of("🎉") == 2)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("\u{200B}") == 0)
        #expect(DisplayWidth.of("한국어") == 6)
        #expect(DisplayWidth.of("ＡＢ") == 4)
        #expect(DisplayWidth.of("❤\u{FE0F}") == 2)
    }

    @Test func truncationNeverSplitsAWideCharacter() {
        #expect(DisplayWidth.prefix("a世界", fitting: 2).text == "a")
        #expect(DisplayWidth.prefix("a世界", fitting: 3).text == "a世")
        #expect(DisplayWidth.truncate("世界世界", to: 4) == "世…")
        #expect(DisplayWidth.of(DisplayWidth.pad("a世界", to: 4)) == 4)
        #expect(DisplayWidth.pad("a世界", to: 4) == "a世 ")
    }

    @Test func gridCanvasPlacesWideAndCombiningCharacters() {
        var canvas = GridCanvas(rows: 1, cols: 6)
        canvas.put(row: 0, col: 0, text: "世e\u{301}界x", style: .plain)
        #expect(canvas.rowText(0) == "世e\u{301}界x")
        #expect(canvas.cells[0][1].text == "")
        var edge = GridCanvas(rows: 1, cols: 3)
        edge.put(row: 0, col: 0, text: "ab世", style: .plain)
        #expect(edge.rowText(0) == "ab ")
        var leading = GridCanvas(rows: 1, cols: 3)
        leading.put(row: 0, col: 0, text: "\u{301}a", style: .plain)
        #expect(leading.rowText(0) == "◌\u{301}a ")
    }

    @Test func overwritingHalfAWideCharacterLeavesNoHalf() {
        var canvas = GridCanvas(rows: 1, cols: 4)
        canvas.put(row: 0, col: 0, text: "世界", style: .plain)
        canvas.put(row: 0, col: 1, text: "x", style: .plain)
        #expect(canvas.rowText(0) == " x界")
        #expect(DisplayWidth.of(canvas.rowText(0)) == 4)
    }
}
