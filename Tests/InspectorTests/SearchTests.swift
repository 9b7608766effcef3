import Foundation
import Testing
import WebSocketCore

@testable import Inspector

/// Issue 21, "Search": `/` forward, `?` backward, `n`/`N`, over whole payloads, in slices, with a pattern that is
/// too slow on a record cut off by a work budget (counted in ICU's progress reports, never in time).
@Suite struct SearchTests {
    /// A text frame of any length.
    func longFrame(_ text: String) -> Frame {
        let payload = Array(text.utf8)
        return Frame(header: FrameHeader(opcode: .text, payloadLength: UInt64(payload.count)), payload: payload)
    }

    /// Ten received records `row 0` … `row 9`; rows 2, 5 and 7 say `apple`.
    func fruitState() -> InspectorState {
        var state = InspectorState()
        state.resize(to: TerminalSize(rows: 40, cols: 120))
        for i in 0..<10 {
            let text = [2, 5, 7].contains(i) ? "row \(i) apple" : "row \(i) pear"
            state.log.append(.frame(textFrame(text)), direction: .received, time: fixedTime)
        }
        return state
    }

    /// Types `key`, the pattern and Enter, then gives the search the slices the UI loop would, until it ends.
    func search(_ state: inout InspectorState, _ key: Character, _ pattern: String) {
        _ = state.handle(.character(key))
        for character in pattern { _ = state.handle(.character(character)) }
        _ = state.handle(.enter)
        while state.advanceSearch(byteBudget: 64 * 1024) {}
    }

    func selectedText(_ state: InspectorState) -> String? {
        state.log.selectedEntry.map { String(decoding: $0.record.applicationPayload ?? [], as: UTF8.self) }
    }

    @Test func slashFindsForwardAndNAndCapitalNMove() {
        var state = fruitState()
        // Following, the newest row is selected: the search goes round to the top.
        search(&state, "/", "apple")
        #expect(selectedText(state) == "row 2 apple")
        #expect(state.search.notice == "search hit BOTTOM, continuing at TOP")
        #expect(!state.log.isFollowing)
        _ = state.handle(.character("n"))
        #expect(selectedText(state) == "row 5 apple" && state.search.notice == nil)
        _ = state.handle(.character("n"))
        #expect(selectedText(state) == "row 7 apple")
        _ = state.handle(.character("N"))
        #expect(selectedText(state) == "row 5 apple")
        _ = state.handle(.character("N"))
        _ = state.handle(.character("N"))
        #expect(selectedText(state) == "row 7 apple")
        #expect(state.search.notice == "search hit TOP, continuing at BOTTOM")
    }

    @Test func questionMarkSearchesBackwardAndNKeepsThatWay() {
        var state = fruitState()
        search(&state, "?", "apple")
        #expect(selectedText(state) == "row 7 apple")
        _ = state.handle(.character("n"))
        #expect(selectedText(state) == "row 5 apple")
        _ = state.handle(.character("N"))
        #expect(selectedText(state) == "row 7 apple")
    }

    @Test func aMissingPatternSaysSoAndMovesNothing() {
        var state = fruitState()
        _ = state.handle(.character("k"))
        let before = state.log.selectedEntry?.record.id
        search(&state, "/", "banana")
        #expect(state.log.selectedEntry?.record.id == before)
        #expect(state.search.notice == "pattern not found: banana")
    }

    /// Plain text is matched by a byte scan, anything else by ICU: both must agree.
    @Test(arguments: ["apple", "APPLE", "Apple", "app.e", "a p", "pl", "x"])
    func aPlainPatternMatchesAsTheRegexWould(pattern: String) throws {
        let texts = ["an apple", "An APPLE", "Apple pie", "a p p", "apPle", "", "ππ apple ππ"]
        let compiled = try SearchPattern(pattern)
        let options: NSRegularExpression.Options = pattern.contains(where: \.isUppercase) ? [] : [.caseInsensitive]
        let regex = try NSRegularExpression(pattern: pattern, options: options)
        for text in texts {
            let whole = NSRange(text.startIndex..<text.endIndex, in: text)
            let expected = regex.matches(in: text, range: whole).compactMap { Range($0.range, in: text) }
            #expect(compiled.ranges(in: text) == expected, "\(pattern) in \(text)")
            #expect(compiled.matches(text) == !expected.isEmpty)
        }
    }

    @Test func smartCaseAsInTheFilter() throws {
        #expect(try SearchPattern("apple").matches("An APPLE"))
        #expect(try !SearchPattern("Apple").matches("an apple"))
        #expect(throws: LogFilterError.self) { try SearchPattern("a[") }
    }

    @Test func theSearchCoversTheWholePayloadNotThePreview() {
        var state = InspectorState()
        state.log.append(.frame(textFrame("first")), direction: .received, time: fixedTime)
        let long = String(repeating: "x", count: 4000) + " needle"
        state.log.append(.frame(longFrame(long)), direction: .received, time: fixedTime)
        state.log.append(.frame(textFrame("last")), direction: .received, time: fixedTime)
        #expect(!state.log.entry(atRow: 1).preview.contains("needle"), "the preview stops long before it")
        search(&state, "/", "needle")
        #expect(state.log.selectedEntry?.record.id == 2)
    }

    @Test func aBinaryPayloadIsSearchedAsItsASCIIColumnAndItsHex() {
        var state = InspectorState()
        state.log.append(.frame(binaryFrame([0xde, 0xad, 0x6b, 0x65, 0x79, 0x00])), direction: .received, time: fixedTime)
        state.log.append(.frame(textFrame("other")), direction: .received, time: fixedTime)
        search(&state, "/", "key")
        #expect(state.log.selectedEntry?.record.id == 1)
        search(&state, "/", "de ad")
        #expect(state.log.selectedEntry?.record.id == 1)
    }

    @Test func theSearchRunsInSlicesOverALargeLog() {
        var state = InspectorState()
        let body = String(repeating: "y", count: 4096)
        for _ in 0..<200 { state.log.append(.frame(longFrame(body)), direction: .received, time: fixedTime) }
        state.log.append(.frame(textFrame("target")), direction: .received, time: fixedTime)
        for _ in 0..<3 { state.log.append(.frame(textFrame("after")), direction: .received, time: fixedTime) }
        // From the top, so the match lies after the 200 large records.
        _ = state.handle(.character("g"))
        state.search.pattern = try! SearchPattern("target")
        state.search.job = .log(LogSearchScan(pattern: state.search.pattern!, direction: .forward, in: state.log))
        var slices = 0
        while state.advanceSearch(byteBudget: 64 * 1024) { slices += 1 }
        #expect(slices >= 10, "200 records of 4 KiB take more than ten 64 KiB slices, not one")
        #expect(selectedText(state) == "target")
    }

    /// A catastrophically backtracking pattern on a record: cut off by the injected budget and reported, while the
    /// search goes on and finds the record after it.
    @Test func aSlowPatternIsCutOffPerRecordAndReported() throws {
        let pattern = try SearchPattern("(a+)+b")
        let evil = String(repeating: "a", count: 28) + "c"
        #expect(pattern.firstMatch(in: evil, budget: SearchBudget(stepsPerRecord: 20, stepsPerKiB: 0)) == .tooSlow)
        #expect(pattern.firstMatch(in: "aaab", budget: SearchBudget(stepsPerRecord: 20, stepsPerKiB: 0)) != .tooSlow)
        #expect(pattern.firstMatch(in: "xyz", budget: SearchBudget(stepsPerRecord: 0, stepsPerKiB: 0)) == .notFound)

        var state = InspectorState()
        state.searchBudget = SearchBudget(stepsPerRecord: 20, stepsPerKiB: 0)
        state.log.append(.frame(textFrame("start")), direction: .received, time: fixedTime)
        state.log.append(.frame(textFrame(evil)), direction: .received, time: fixedTime)
        state.log.append(.frame(textFrame("aab")), direction: .received, time: fixedTime)
        _ = state.handle(.character("g"))
        search(&state, "/", "(a+)+b")
        #expect(state.log.selectedEntry?.record.id == 3)
        #expect(state.search.notice == "regex too slow on 1 row (#2), skipped", "\(state.search.notice ?? "nil")")
        // Drawing highlights with the same budget: the slow row is drawn, unmarked, and the screen comes back.
        let grid = render(state, rows: 24, cols: 120)
        #expect(grid.row(containing: evil) != nil)
    }

    @Test func matchesAreHighlightedInRowsEvenTheSelectedOne() throws {
        var state = fruitState()
        search(&state, "/", "apple")
        let grid = render(state, rows: 40, cols: 120)
        for text in ["row 2 apple", "row 5 apple"] {
            let row = try #require(grid.row(containing: text))
            let col = grid.lines[row].distance(from: grid.lines[row].startIndex, to: grid.lines[row].range(of: "apple")!.lowerBound)
            #expect(grid.style(row: row, col: col) == defaultPalette[.searchMatch], "\(text)")
            #expect(grid.style(row: row, col: col - 2) != defaultPalette[.searchMatch])
        }
        #expect(grid.lines[1].contains("search hit BOTTOM, continuing at TOP"), "\(grid.lines[1])")
    }

    @Test func theHexPaneMarksMatchesInItsASCIIColumnOnly() throws {
        var state = InspectorState()
        state.log.append(.frame(binaryFrame(Array("..key..".utf8) + [0])), direction: .received, time: fixedTime)
        search(&state, "/", "key")
        let grid = render(state, rows: 40, cols: 120)
        // The wire bytes: a two-byte header, then the payload.
        let row = try #require(grid.row(containing: "|....key...|"), "\(grid.text)")
        let line = grid.lines[row]
        let ascii = line.distance(from: line.startIndex, to: line.range(of: "|....key")!.lowerBound) + 5
        #expect(grid.style(row: row, col: ascii) == defaultPalette[.searchMatch])
        #expect(grid.style(row: row, col: ascii + 2) == defaultPalette[.searchMatch])
        #expect(grid.style(row: row, col: ascii + 3) != defaultPalette[.searchMatch])
        // "6b 65 79" is not marked: only the ASCII column is.
        let hex = line.distance(from: line.startIndex, to: line.range(of: "6b 65 79")!.lowerBound)
        #expect(grid.style(row: row, col: hex) != defaultPalette[.searchMatch])
    }

    @Test func inTheDetailViewSlashSearchesTheDocument() throws {
        var state = InspectorState()
        state.resize(to: TerminalSize(rows: 24, cols: 80))
        let text = (1...200).map { $0 == 150 ? "line \($0) marker" : "line \($0)" }.joined(separator: "\n")
        state.log.append(.frame(longFrame(text)), direction: .received, time: fixedTime)
        _ = state.handle(.enter)
        search(&state, "/", "marker")
        guard case .detail(_, let scroll)? = state.overlay else {
            Issue.record("the detail view closed")
            return
        }
        let grid = render(state, rows: 24, cols: 80)
        #expect(grid.lines[2].hasPrefix("line 150 marker"), "the match is the top line:\n\(grid.text)")
        #expect(scroll > 100)
        let col = grid.lines[2].distance(from: grid.lines[2].startIndex, to: grid.lines[2].range(of: "marker")!.lowerBound)
        #expect(grid.style(row: 2, col: col) == defaultPalette[.searchMatch])
        _ = state.handle(.character("n"))
        #expect(state.search.notice == "search hit BOTTOM, continuing at TOP")
        _ = state.handle(.character("g"))
        _ = state.handle(.character("n"))
        guard case .detail(_, let again)? = state.overlay else {
            Issue.record("the detail view closed")
            return
        }
        #expect(again == scroll)
    }

    @Test func theFilterMovedToAmpersandKeepingRegexAndSmartCase() {
        var state = fruitState()
        _ = state.handle(.character("&"))
        for character in "APPLE|row [89]" { _ = state.handle(.character(character)) }
        _ = state.handle(.enter)
        #expect(state.log.rowCount == 2, "upper case: case-sensitive, so only rows 8 and 9")
        _ = state.handle(.character("&"))
        _ = state.handle(.ctrl("u"))
        for character in "APPLE|ROW 9" { _ = state.handle(.character(character)) }
        _ = state.handle(.enter)
        #expect(state.log.rowCount == 0)
        _ = state.handle(.character("&"))
        _ = state.handle(.ctrl("u"))
        for character in "apple" { _ = state.handle(.character(character)) }
        _ = state.handle(.enter)
        #expect(state.log.rowCount == 3)
    }
}

/// The search in the message view, and what it must not find.
@Suite struct SearchScopeTests {
    func search(_ state: inout InspectorState, _ pattern: String) {
        _ = state.handle(.character("/"))
        for character in pattern { _ = state.handle(.character(character)) }
        _ = state.handle(.enter)
        while state.advanceSearch(byteBudget: 64 * 1024) {}
    }

    @Test func inTheMessageViewAMatchAcrossFragmentsIsFound() {
        var state = InspectorState()
        state.log.append(.frame(textFrame("first")), direction: .received, time: fixedTime)
        state.log.append(.frame(fragment("hel", opcode: .text, fin: false)), direction: .received, time: fixedTime)
        state.log.append(.frame(fragment("lo", opcode: .continuation, fin: true)), direction: .received, time: fixedTime)
        state.log.append(.frame(textFrame("last")), direction: .received, time: fixedTime)
        search(&state, "hello")
        #expect(state.search.notice == "pattern not found: hello", "no single frame holds it")
        _ = state.handle(.character("m"))
        search(&state, "hello")
        guard case .message(let message)? = state.log.selectedItem else {
            Issue.record("no message selected")
            return
        }
        #expect(message.first.id == 2 && message.frames.count == 2)
    }

    @Test func hiddenCredentialsAreNotFound() {
        var state = InspectorState()
        let request = "GET / HTTP/1.1\r\nAuthorization: Bearer s3cret-token\r\n\r\n"
        state.log.append(.handshakeRequest(Array(request.utf8)), direction: .sent, time: fixedTime)
        state.log.append(.frame(textFrame("after")), direction: .received, time: fixedTime)
        search(&state, "s3cret")
        #expect(state.search.notice == "pattern not found: s3cret")
        search(&state, "Bearer")
        #expect(state.log.selectedEntry?.record.id == 1, "the scheme stays visible, so it is found")
        state.showsSecrets = true
        _ = state.handle(.character("G"))
        search(&state, "s3cret")
        #expect(state.log.selectedEntry?.record.id == 1)
    }
}

/// A match must stand out in every shipped theme, mono included, in a plain row and in the selected row.
@Suite struct SearchThemeTests {
    @Test(arguments: BuiltinThemes.names)
    func aMatchStandsOutInEveryTheme(theme: String) throws {
        let palette = try ThemeLoader.builtin(theme).palette(for: .full)
        var state = InspectorState()
        state.resize(to: TerminalSize(rows: 24, cols: 80))
        for text in ["one kiwi", "two", "three kiwi"] {
            state.log.append(.frame(textFrame(text)), direction: .received, time: fixedTime)
        }
        _ = state.handle(.character("/"))
        for character in "kiwi" { _ = state.handle(.character(character)) }
        _ = state.handle(.enter)
        var canvas = GridCanvas(rows: 24, cols: 80)
        InspectorRenderer(palette: palette, clock: utcClock).render(state, into: &canvas)
        let selected = try #require(canvas.row(containing: "one kiwi"))
        let plain = try #require(canvas.row(containing: "three kiwi"))
        for row in [selected, plain] {
            let line = canvas.lines[row]
            let col = line.distance(from: line.startIndex, to: line.range(of: "kiwi")!.lowerBound)
            #expect(canvas.style(row: row, col: col) == palette[.searchMatch])
            #expect(canvas.style(row: row, col: col) != canvas.style(row: row, col: col - 2), "\(theme) row \(row)")
        }
        #expect(palette[.searchMatch] != palette[.selection] && palette[.searchMatch] != palette[.normal])
    }
}
