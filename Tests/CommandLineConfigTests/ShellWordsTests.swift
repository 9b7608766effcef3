import CommandLineConfig
import Testing

/// Bash's quoting rules (bash manual, "Quoting"), the subset a "Copy as cURL" uses.
@Suite("Shell words")
struct ShellWordsTests {
    @Test("single, double and ANSI-C quotes, backslashes and line continuations")
    func quoting() throws {
        #expect(try ShellWords.split("a 'b c' \"d \\\" \\$e \\n\" $'f\\tg\\'h' i\\ j") == ["a", "b c", "d \" $e \\n", "f\tg'h", "i j"])
        #expect(try ShellWords.split("curl 'x' \\\n  -H 'y'") == ["curl", "x", "-H", "y"])
        #expect(try ShellWords.split("x\\\r\n y") == ["x", "y"])
        #expect(try ShellWords.split("$'\\101\\x42\\u0043\\U0001F600\\e'") == ["ABC😀\u{1B}"])
        #expect(try ShellWords.split("'' a''b") == ["", "ab"])
    }

    @Test("an unclosed quote or a trailing backslash is an error")
    func errors() {
        #expect(throws: ShellWords.Failure.unterminatedQuote("\"")) { try ShellWords.split("a \"b") }
        #expect(throws: ShellWords.Failure.unterminatedQuote("'")) { try ShellWords.split("$'b") }
        #expect(throws: ShellWords.Failure.trailingBackslash) { try ShellWords.split("a \\") }
    }
}
