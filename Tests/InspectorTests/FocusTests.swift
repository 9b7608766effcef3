import Foundation
import Testing

@testable import Inspector

/// Issue 25, "Focus": the inspector starts in the log, and which pane has the keys is plain in every theme.
@Suite struct FocusTests {
    func state(focus: FocusContext = .log) -> InspectorState {
        var state = InspectorState(status: ConnectionStatus(url: "ws://127.0.0.1:9/echo", state: .open), focus: focus)
        for i in 0..<5 { state.log.append(.frame(textFrame("m\(i)")), direction: .received, time: fixedTime) }
        return state
    }

    func render(_ state: InspectorState, theme: String, rows: Int = 24, cols: Int = 80) throws -> (GridCanvas, Palette) {
        var state = state
        state.resize(to: TerminalSize(rows: rows, cols: cols))
        let palette = try ThemeLoader.builtin(theme).palette(for: .full)
        var canvas = GridCanvas(rows: rows, cols: cols)
        InspectorRenderer(palette: palette, clock: utcClock).render(state, into: &canvas)
        return (canvas, palette)
    }

    @Test func startsInTheLogSoQQuits() {
        var state = InspectorState()
        #expect(state.focus == .log)
        #expect(state.handle(.character("q")) == [.quit])
        #expect(state.compose.buffer.isEmpty, "q was not typed into the message")
    }

    @Test func composeFlagStartsInCompose() {
        var state = InspectorState(focus: .compose)
        #expect(state.focus == .compose)
        #expect(state.handle(.character("q")) == [])
        #expect(state.compose.buffer.text == "q")
    }

    @Test func statusBarNamesTheFocus() throws {
        var state = state()
        var (grid, _) = try render(state, theme: "default")
        #expect(grid.lines[0].hasPrefix(" OPEN  LOG  ws://"), "\(grid.lines[0])")
        _ = state.handle(.character("i"))
        (grid, _) = try render(state, theme: "default")
        #expect(grid.lines[0].hasPrefix(" OPEN  COMPOSE  ws://"), "\(grid.lines[0])")
    }

    @Test func placeholderShowsOnlyWhereTypingGoes() throws {
        var state = state()
        var (grid, _) = try render(state, theme: "default")
        #expect(grid.row(containing: "type a message") == nil)
        #expect(grid.lines[22].contains("i, a to compose"), "\(grid.lines[22])")
        _ = state.handle(.tab)
        (grid, _) = try render(state, theme: "default")
        #expect(grid.lines[23].hasPrefix("type a message"))
        #expect(grid.lines[22].contains("Enter send"))
    }

    @Test(arguments: BuiltinThemes.names)
    func selectionDimsWhenTheLogLosesFocus(theme: String) throws {
        var state = state()
        let (focused, palette) = try render(state, theme: theme)
        let row = try #require(focused.row(containing: "m4"))
        #expect(focused.style(row: row, col: 0) == palette[.selection])
        _ = state.handle(.tab)
        let (unfocused, _) = try render(state, theme: theme)
        #expect(unfocused.style(row: row, col: 0) == palette[.selectionUnfocused])
        // Tell-apart in every theme, mono included: the two selections differ, and neither looks like a plain row.
        #expect(palette[.selection] != palette[.selectionUnfocused])
        #expect(palette[.selectionUnfocused] != palette[.normal])
        let plainRow = try #require(unfocused.row(containing: "m3"))
        #expect(unfocused.style(row: plainRow, col: 0) != unfocused.style(row: row, col: 0))
        // The compose title is drawn in the focused border colour only while compose has focus.
        let composeTitle = try #require(unfocused.row(containing: "─ Compose"))
        #expect(unfocused.style(row: composeTitle, col: 0) == palette[.borderFocused])
        #expect(focused.style(row: composeTitle, col: 0) == palette[.border])
    }

    @Test func aThemeFileWithoutTheRoleStillShowsTheSelection() throws {
        let theme = try ThemeParser.parse("selection = reverse, bold\n", name: "old", file: "old")
        let style = theme.style(.selectionUnfocused)
        #expect(style.reverse && style.dim && !style.bold)
    }
}
