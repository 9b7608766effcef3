import Testing

@testable import Inspector

/// Issue 25, "A multi-line paste sends one message per line": a paste is text, never keys.
@Suite struct PasteTests {
    let json = "{\n  \"op\": \"subscribe\",\n  \"channel\": \"trades\"\n}"

    @Test func aPasteInComposeIsTextWithItsLineBreaks() {
        var state = InspectorState(focus: .compose)
        #expect(state.handle(.paste(json)) == [])
        #expect(state.compose.buffer.text == json)
        #expect(state.handle(.enter) == [.sendText(json)], "one message")
    }

    @Test func aPasteInTheLogGoesToComposeNotToTheKeyTable() {
        var state = InspectorState()
        #expect(state.handle(.paste("q\nG")) == [], "q did not quit")
        #expect(state.focus == .compose)
        #expect(state.compose.buffer.text == "q\nG")
    }

    @Test func aPasteOnTheFilterPromptStaysOneLine() {
        var state = InspectorState()
        _ = state.handle(.character("&"))
        _ = state.handle(.paste("a\nb"))
        #expect(state.prompt?.input.text == "a b")
    }

    @Test func aBurstWithTextAfterALineBreakIsAPaste() throws {
        let keys: [Key] = Array("{\r\"a\": 1\r}".map { $0 == "\r" ? Key.enter : .character($0) }) + [.escape]
        let burst = try #require(TypingBurst.paste(at: keys[...]))
        #expect(burst.text == "{\n\"a\": 1\n}")
        #expect(burst.count == keys.count - 1, "the Esc after it is a key")
    }

    @Test func typedTextAndEnterIsNotABurst() {
        let keys: [Key] = "hello".map { Key.character($0) } + [.enter]
        #expect(TypingBurst.paste(at: keys[...]) == nil)
        #expect(TypingBurst.paste(at: [Key.enter, .character("x")][...]) == nil)
        #expect(TypingBurst.paste(at: [Key.character("j"), .down][...]) == nil)
    }
}
