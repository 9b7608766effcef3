import Foundation
import Testing
import WebSocketCore

@testable import Inspector

/// Clicks and the wheel, against the 24×80 layout: status bar on row 0, the log's title on row 1 and its rows
/// from row 2, the frame pane under it, the compose box's title on row 22 and its input on row 23.
@Suite struct MouseTests {
    private func state(rows count: Int) -> InspectorState {
        var state = InspectorState()
        for index in 0..<count {
            state.log.append(.frame(textFrame("row \(index)")), direction: .received, time: fixedTime)
        }
        return state
    }

    @Test func aClickOnALogRowSelectsItAndPausesFollow() {
        var state = state(rows: 5)
        _ = state.handle(.mouse(.press, row: 4, col: 10))
        #expect(state.log.selectedRow == 2)
        #expect(!state.log.isFollowing)
        #expect(render(state, rows: 24, cols: 80).row(containing: "PAUSED") == 0)
    }

    @Test func aClickBelowTheLastRowOrOnTheTitleChangesNothing() {
        var state = state(rows: 3)
        _ = state.handle(.mouse(.press, row: 1, col: 10))
        _ = state.handle(.mouse(.press, row: 8, col: 10))
        #expect(state.log.isFollowing)
        #expect(state.log.selectedRow == 2)
    }

    @Test func aClickOnTheComposeBoxFocusesItAndOnTheLogFocusesTheLog() {
        var state = state(rows: 3)
        _ = state.handle(.mouse(.press, row: 23, col: 5))
        #expect(state.focus == .compose)
        // Typed text now goes to the compose box, not to the log's keys.
        _ = state.handle(.character("q"))
        #expect(state.compose.buffer.text == "q")
        _ = state.handle(.mouse(.press, row: 2, col: 5))
        #expect(state.focus == .log)
        #expect(state.log.selectedRow == 0)
    }

    @Test func theWheelMovesTheLogsSelectionThreeRowsANotch() {
        var state = state(rows: 20)
        _ = state.handle(.mouse(.wheelUp, row: 5, col: 5))
        #expect(state.log.selectedRow == 16)
        _ = state.handle(.mouse(.wheelUp, row: 5, col: 5))
        #expect(state.log.selectedRow == 13)
        _ = state.handle(.mouse(.wheelDown, row: 5, col: 5))
        #expect(state.log.selectedRow == 16)
    }

    @Test func theWheelScrollsTheDetailViewAndAClickThereChangesNothing() {
        var state = InspectorState()
        let text = (1...100).map { "line \($0)" }.joined(separator: "\n")
        let payload = Array(text.utf8)
        let frame = Frame(header: FrameHeader(opcode: .text, payloadLength: UInt64(payload.count)), payload: payload)
        state.log.append(.frame(frame), direction: .received, time: fixedTime)
        _ = state.perform(.openDetail)
        _ = state.handle(.mouse(.wheelDown, row: 10, col: 10))
        _ = state.handle(.mouse(.wheelDown, row: 10, col: 10))
        guard case .detail(_, let scroll)? = state.overlay else {
            Issue.record("the detail view closed")
            return
        }
        #expect(scroll == 6)
        _ = state.handle(.mouse(.press, row: 23, col: 5))
        #expect(state.focus == .log, "the overlay keeps the keyboard")
    }

    @Test func theKeyTableNamesTheMouseWhereverItHappens() {
        let table = KeyBindings.standard
        #expect(table.action(for: .mouse(.press, row: 7, col: 3), in: .log) == .pointAt)
        #expect(table.action(for: .mouse(.wheelDown, row: 0, col: 0), in: .detail) == .wheelDown)
        #expect(HelpText.lines(for: table).contains { $0.text.contains("Click") })
    }
}
