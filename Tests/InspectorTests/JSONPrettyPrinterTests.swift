import Testing

@testable import Inspector

/// The detail view's JSON: the server's key order and bytes, re-indented.
@Suite struct JSONPrettyPrinterTests {
    private func pretty(_ text: String) -> [String]? {
        JSONPrettyPrinter.prettyPrinted(Array(text.utf8)).map {
            $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
    }

    @Test func keysStayInTheOrderTheyWereSent() {
        #expect(pretty(#"{"z":1,"a":2,"m":3}"#) == ["{", #"  "z" : 1,"#, #"  "a" : 2,"#, #"  "m" : 3"#, "}"])
    }

    @Test func nestingIndentsTwoSpacesAndEmptyContainersStayOnOneLine() {
        let lines = pretty(#" { "list" : [ 1 , { "in" : [] } , {} ] , "o" : { } } "#)
        #expect(
            lines == [
                "{", #"  "list" : ["#, "    1,", "    {", #"      "in" : []"#, "    },", "    {}", "  ],", #"  "o" : {}"#, "}",
            ])
    }

    @Test func stringsAndNumbersKeepTheirBytes() {
        // Braces, commas, colons and escaped quotes inside strings are text, not structure; numbers keep their form.
        let lines = pretty(#"{"s":"a{b}[c],d:e \"q\" \\","n":1.50,"e":1E+3,"u":"\u00e9"}"#)
        #expect(
            lines == [
                "{", #"  "s" : "a{b}[c],d:e \"q\" \\","#, #"  "n" : 1.50,"#, #"  "e" : 1E+3,"#, #"  "u" : "\u00e9""#, "}",
            ])
    }

    @Test func onlyValidObjectsAndArraysArePrettyPrinted() {
        #expect(pretty("[1,2]") == ["[", "  1,", "  2", "]"])
        #expect(pretty(#""just a string""#) == nil)
        #expect(pretty("42") == nil)
        #expect(pretty(#"{"a":1"#) == nil, "cut short")
        #expect(pretty(#"{"a":1}}"#) == nil, "trailing garbage")
        #expect(pretty("{a:1}") == nil, "unquoted key")
    }
}
