import Foundation
import Testing
import WebSocketCore

@testable import Inspector

/// Issue 25, "The detail view": g/G/Home/End and a position indicator.
@Suite struct DetailNavigationTests {
    /// A state with a 200-line text record open in the detail view, at 80×24.
    func openState() -> InspectorState {
        var state = InspectorState(status: ConnectionStatus(url: "ws://x", state: .open))
        state.resize(to: TerminalSize(rows: 24, cols: 80))
        let text = (1...200).map { "line \($0)" }.joined(separator: "\n")
        state.log.append(.frame(textFrame(String(text.prefix(125)))), direction: .received, time: fixedTime)
        let long = Array(text.utf8)
        state.log.append(
            .frame(Frame(header: FrameHeader(opcode: .text, payloadLength: UInt64(long.count)), payload: long)),
            direction: .received, time: fixedTime)
        _ = state.handle(.enter)
        return state
    }

    func scroll(_ state: InspectorState) -> Int? {
        if case .detail(_, let scroll)? = state.overlay { return scroll }
        return nil
    }

    @Test(arguments: [(Key.character("G"), Key.character("g")), (Key.end, Key.home)])
    func lastAndFirstLine(down: Key, up: Key) {
        var state = openState()
        #expect(scroll(state) == 0)
        _ = state.handle(down)
        let bottom = try! #require(scroll(state))
        #expect(bottom > 150, "at the last page")
        _ = state.handle(.character("j"))
        #expect(scroll(state) == bottom, "no further than the last page")
        _ = state.handle(up)
        #expect(scroll(state) == 0)
    }

    @Test func theTitleSaysWhichLinesAreShown() throws {
        var state = openState()
        var grid = render(state, rows: 24, cols: 80)
        let total = DetailFormatter.lineCount(for: try #require(state.log.selectedEntry).record, width: 80)
        #expect(grid.lines[1].contains("lines 1–20 of \(total)"), "\(grid.lines[1])")
        _ = state.handle(.end)
        grid = render(state, rows: 24, cols: 80)
        #expect(grid.lines[1].contains("of \(total)") && grid.lines[1].contains("–\(total) of"), "\(grid.lines[1])")
        #expect(grid.row(containing: "line 200") != nil)
    }

    @Test func positionWords() {
        #expect(ScrollPosition.text(scroll: 39, height: 39, total: 310) == "lines 40–78 of 310")
        #expect(ScrollPosition.text(scroll: 0, height: 50, total: 10) == "lines 1–10 of 10")
    }
}
