import Foundation
import Testing

@testable import Inspector

@Suite struct ComposeTests {
    func parse(_ text: String, _ mode: ComposeMode = .text) -> Result<ComposeAction, ComposeError> {
        ComposeParser.parse(text, mode: mode)
    }

    @Test func modes() {
        #expect(parse("hello") == .success(.sendText("hello")))
        #expect(parse("48 65 6c 6C 6f", .hex) == .success(.sendBinary([0x48, 0x65, 0x6c, 0x6c, 0x6f])))
        #expect(parse("48656c\n0x6c 6f", .hex) == .success(.sendBinary([0x48, 0x65, 0x6c, 0x6c, 0x6f])))
        #expect(parse("SGVsbG8=", .base64) == .success(.sendBinary(Array("Hello".utf8))))
        #expect(parse("//ping", .text) == .success(.sendText("/ping")))
    }

    @Test func modeErrors() {
        #expect(parse("48 6", .hex) == .failure(.invalidHex("6")))
        #expect(parse("zz", .hex) == .failure(.invalidHex("zz")))
        #expect(parse("SGVsbG8=!", .base64) == .failure(.invalidBase64))
        #expect(parse("", .text) == .failure(.nothingToSend))
        #expect(parse("   ", .hex) == .failure(.nothingToSend))
    }

    @Test func commands() {
        #expect(parse("/ping") == .success(.ping([])))
        #expect(parse("/ping hi there") == .success(.ping(Array("hi there".utf8))))
        #expect(parse("/close") == .success(.close(code: nil, reason: "")))
        #expect(parse("/close 4000 bye now") == .success(.close(code: 4000, reason: "bye now")))
        #expect(parse("/close 1000") == .success(.close(code: 1000, reason: "")))
        #expect(parse("/reconnect") == .success(.reconnect))
        #expect(parse("/connect ws://127.0.0.1:8765/echo") == .success(.connect("ws://127.0.0.1:8765/echo")))
        #expect(parse("/connect") == .failure(.missingURL))
        #expect(parse("/export out.har") == .success(.export(path: "out.har", filtered: false)))
        #expect(parse("/export --filtered my rows.jsonl") == .success(.export(path: "my rows.jsonl", filtered: true)))
        #expect(parse("/export --filtered") == .failure(.missingExportPath))
        #expect(parse("/export --filteredx.har") == .success(.export(path: "--filteredx.har", filtered: false)))
        #expect(parse("/export") == .failure(.missingExportPath))
        #expect(parse("/clear") == .success(.clear))
        #expect(parse("/help") == .success(.help))
        #expect(parse("/mode hex") == .success(.setMode(.hex)))
        #expect(parse("/mode base64", .hex) == .success(.setMode(.base64)))
    }

    @Test func commandErrors() {
        #expect(parse("/close abc") == .failure(.notACloseCode("abc")))
        #expect(ComposeError.notACloseCode("abc").description == #"/close [code] [reason]: "abc" is not a close code"#)
        #expect(parse("/close going away") == .failure(.notACloseCode("going")))
        #expect(parse("/close 1001") == .failure(.invalidCloseCode("1001")))
        #expect(parse("/close 2999") == .failure(.invalidCloseCode("2999")))
        #expect(parse("/close 5000") == .failure(.invalidCloseCode("5000")))
        #expect(parse("/close 99999") == .failure(.invalidCloseCode("99999")))
        #expect(parse("/close 4000 " + String(repeating: "é", count: 62)) == .failure(.closeReasonTooLong(124)))
        #expect(
            parse("/close 4000 " + String(repeating: "x", count: 123))
                == .success(.close(code: 4000, reason: String(repeating: "x", count: 123))))
        #expect(parse("/ping " + String(repeating: "x", count: 126)) == .failure(.pingPayloadTooLong(126)))
        #expect(parse("/frobnicate") == .failure(.unknownCommand("frobnicate")))
        #expect(parse("/mode octal") == .failure(.invalidMode("octal")))
        #expect(parse("/clear now") == .failure(.unexpectedArgument(command: "clear")))
    }

    @Test func errorsSendNothingAndKeepTheBuffer() {
        var state = InspectorState(focus: .compose)
        state.compose.mode = .hex
        for key: Key in [.character("z"), .character("z")] { _ = state.handle(key) }
        #expect(state.handle(.enter) == [])
        #expect(state.compose.error == .invalidHex("zz"))
        #expect(state.compose.buffer.text == "zz")
        _ = state.handle(.backspace)
        #expect(state.compose.error == nil, "editing clears the error")
    }

    @Test func enterSendsAndAltEnterInsertsNewline() {
        var state = InspectorState(focus: .compose)
        for character in "a" { _ = state.handle(.character(character)) }
        _ = state.handle(.altEnter)
        _ = state.handle(.character("b"))
        _ = state.handle(.ctrl("j"))
        _ = state.handle(.character("c"))
        #expect(state.compose.buffer.text == "a\nb\nc")
        #expect(state.handle(.enter) == [.sendText("a\nb\nc")])
        #expect(state.compose.buffer.isEmpty)
    }

    @Test func ctrlTCyclesModes() {
        var state = InspectorState(focus: .compose)
        _ = state.handle(.ctrl("t"))
        #expect(state.compose.mode == .hex)
        _ = state.handle(.ctrl("t"))
        #expect(state.compose.mode == .base64)
        _ = state.handle(.ctrl("t"))
        #expect(state.compose.mode == .text)
    }

    @Test func cursorEditing() {
        var buffer = TextBuffer("héllo")
        buffer.moveLeft()
        buffer.moveLeft()
        buffer.deleteBackward()
        #expect(buffer.text == "hélo")
        buffer.moveToLineStart()
        buffer.deleteForward()
        #expect(buffer.text == "élo")
        buffer.moveToLineEnd()
        buffer.insertNewline()
        buffer.insert("x")
        #expect(buffer.lines == ["élo", "x"])
        #expect(buffer.cursorLine == 1 && buffer.cursorColumn == 1)
        let movedUp = buffer.moveUp()
        #expect(movedUp)
        #expect(buffer.cursorLine == 0 && buffer.cursor == 1)
        let movedPastTop = buffer.moveUp()
        #expect(!movedPastTop)
    }

    @Test func historyBrowsesAndRestoresDraft() {
        var editor = ComposeEditor()
        for text in ["one", "two"] {
            editor.buffer.setText(text)
            _ = editor.submit()
        }
        editor.buffer.setText("draft")
        editor.up()
        #expect(editor.buffer.text == "two")
        editor.up()
        #expect(editor.buffer.text == "one")
        editor.up()
        #expect(editor.buffer.text == "one")
        editor.down()
        #expect(editor.buffer.text == "two")
        editor.down()
        #expect(editor.buffer.text == "draft")
    }

    @Test func historySurvivesSaveAndLoad() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wsinspect-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("state/wsinspect/history")
        var history = ComposeHistory()
        for entry in ["hello", "multi\nline", #"back\slash\n"#, "/close 4000 bye", "hello"] { history.record(entry) }
        try history.save(to: url)
        let loaded = try ComposeHistory.load(from: url)
        #expect(loaded.entries == ["hello", "multi\nline", #"back\slash\n"#, "/close 4000 bye", "hello"])
        #expect(try ComposeHistory.load(from: directory.appendingPathComponent("missing")).entries.isEmpty)
    }

    @Test func historyIsBounded() {
        var history = ComposeHistory(limit: 3)
        for i in 0..<5 { history.record("m\(i)") }
        #expect(history.entries == ["m2", "m3", "m4"])
    }

    @Test func xdgStatePath() {
        #expect(ComposeHistory.defaultFileURL(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"])?.path == "/s/wsinspect/history")
        #expect(
            ComposeHistory.defaultFileURL(environment: ["XDG_STATE_HOME": "rel", "HOME": "/h"])?.path == "/h/.local/state/wsinspect/history"
        )
        #expect(ComposeHistory.defaultFileURL(environment: ["HOME": "/h"])?.path == "/h/.local/state/wsinspect/history")
        #expect(ComposeHistory.defaultFileURL(environment: [:]) == nil)
    }
}
