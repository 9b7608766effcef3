import Testing

@testable import Session

/// The `--on-open` script: every command, and a clear error with the line number for a bad line.
@Suite struct OnOpenScriptTests {
    @Test func everyCommand() throws {
        let script = try OnOpenScript(
            parsing: """
                {"op":"auth","token":"x"}

                //literal slash
                /hex 01 02 ff
                /base64 AQL/
                /ping are you there
                /sleep 200ms
                /sleep 1.5s
                /wait "op":"ready"\r
                  indented text stays as typed
                """, file: "auth.txt")
        #expect(
            script.steps == [
                .sendText("{\"op\":\"auth\",\"token\":\"x\"}"),
                .sendText("/literal slash"),
                .sendBinary([1, 2, 0xFF]),
                .sendBinary([1, 2, 0xFF]),
                .ping(Array("are you there".utf8)),
                .sleep(.milliseconds(200)),
                .sleep(.milliseconds(1500)),
                .wait(pattern: "\"op\":\"ready\"", timeout: .seconds(10)),
                .sendText("  indented text stays as typed"),
            ])
    }

    @Test(arguments: [
        ("hello\n/hex 0g", 2, "/hex"),
        ("/base64 !!!", 1, "is not base64"),
        ("a\nb\n/ping " + String(repeating: "x", count: 126), 3, "at most 125"),
        ("/sleep soon", 1, "is not a duration"),
        ("/sleep 2h", 1, "is not a duration"),
        ("/sleep 601s", 1, "at most 600s"),
        ("/wait", 1, "needs a regular expression"),
        ("/wait (unclosed", 1, "not a valid regular expression"),
        ("\n\n\n/subscribe x", 4, "unknown command /subscribe"),
    ])
    func badLinesNameTheFileAndLine(_ text: String, _ line: Int, _ fragment: String) {
        do {
            _ = try OnOpenScript(parsing: text, file: "auth.txt")
            Issue.record("\"\(text)\" was accepted")
        } catch {
            #expect(error.line == line)
            #expect(error.description.hasPrefix("on-open script auth.txt, line \(line): "), "\(error)")
            #expect(error.description.contains(fragment), "\(error)")
        }
    }

    @Test func aMissingFileSaysSo() {
        #expect(throws: OnOpenScriptError(file: "/nonexistent/x.txt", line: nil, problem: "cannot be read (does it exist?)")) {
            _ = try OnOpenScript(contentsOf: "/nonexistent/x.txt")
        }
    }
}
