import Foundation
import Testing
import WebSocketCore

@testable import Inspector

/// Issue 21's edit and resend, key by key: `e` copies into compose in the right mode, `.` resends the selected
/// message or the marked ones in log order, and what cannot be resent exactly is refused with a reason.
@Suite struct ResendTests {
    func state(_ frames: [(Frame, Direction)]) -> InspectorState {
        var state = InspectorState()
        for (frame, direction) in frames { state.log.append(.frame(frame), direction: direction, time: fixedTime) }
        return state
    }

    @Test func eCopiesATextMessageIntoComposeAndFocusesIt() {
        var state = state([(textFrame("hello"), .sent), (textFrame("{\"a\":1}"), .received)])
        #expect(state.handle(.character("e")).isEmpty)
        #expect(state.focus == .compose)
        #expect(state.compose.mode == .text)
        #expect(state.compose.buffer.text == "{\"a\":1}")
        // Enter sends what was edited.
        _ = state.handle(.backspace)
        #expect(state.handle(.enter) == [.sendText("{\"a\":1")])
    }

    @Test func aDraftReplacedByEIsKeptInHistory() {
        var state = state([(textFrame("from the log"), .received)])
        _ = state.handle(.tab)
        for character in "half-typed" { _ = state.handle(.character(character)) }
        _ = state.handle(.escape)
        _ = state.handle(.character("e"))
        #expect(state.compose.buffer.text == "from the log")
        _ = state.handle(.up)
        #expect(state.compose.buffer.text == "half-typed")
    }

    @Test func eOnABinaryMessageUsesHexModeAndEnterSendsTheBytes() {
        var state = state([(binaryFrame([0xde, 0xad, 0x00, 0xff]), .received)])
        _ = state.handle(.character("e"))
        #expect(state.compose.mode == .hex)
        #expect(state.compose.buffer.text == "de ad 00 ff")
        #expect(state.handle(.enter) == [.sendBinary([0xde, 0xad, 0x00, 0xff])])
    }

    @Test func aTextStartingWithASlashIsEscapedSoItIsSentNotRun() {
        var state = state([(textFrame("/close 1000"), .received)])
        _ = state.handle(.character("e"))
        #expect(state.compose.buffer.text == "//close 1000")
        #expect(state.handle(.enter) == [.sendText("/close 1000")])
    }

    @Test func dotResendsTheSelectedMessage() {
        var state = state([(textFrame("one"), .sent), (binaryFrame([1, 2]), .received)])
        #expect(state.handle(.character(".")) == [.sendBinary([1, 2])])
        _ = state.handle(.character("k"))
        #expect(state.handle(.character(".")) == [.sendText("one")])
    }

    @Test func markedRowsAreSentInLogOrderWhateverTheMarkingOrder() {
        var state = state([(textFrame("a"), .sent), (textFrame("b"), .received), (textFrame("c"), .received)])
        // "c" (the newest) is selected: mark it; then go up to "a" and mark it.
        _ = state.handle(.character(" "))
        _ = state.handle(.character("g"))
        _ = state.handle(.character(" "))
        #expect(state.marks.count == 2)
        #expect(state.handle(.character(".")) == [.sendText("a"), .sendText("c")])
        #expect(state.marks.isEmpty)
    }

    @Test func spaceTwiceUnmarks() {
        var state = state([(textFrame("a"), .sent), (textFrame("b"), .sent)])
        _ = state.handle(.character("g"))
        _ = state.handle(.character(" "))
        _ = state.handle(.character("k"))
        _ = state.handle(.character(" "))
        #expect(state.marks.isEmpty)
    }

    @Test func aMarkedRowIsDrawnWithAStar() {
        var state = state([(textFrame("a"), .sent), (textFrame("b"), .sent)])
        _ = state.handle(.character("g"))
        _ = state.handle(.character(" "))
        let lines = render(state, rows: 24, cols: 100).lines
        #expect(lines.contains { $0.hasPrefix("*") && $0.contains("a") }, "\(lines)")
        #expect(!lines.contains { $0.hasPrefix("*") && $0.hasSuffix(" b") }, "\(lines)")
    }

    @Test func controlFramesFragmentsAndNotesAreRefusedWithAReason() {
        var refused = state([(RFCFrames.ping, .received)])
        #expect(refused.handle(.character(".")).isEmpty)
        #expect(refused.log.selectedEntry.map { "\($0.record.kind)" }?.contains("only a text or binary message") == true)

        var fragment = state([(RFCFrames.fragment1, .received), (RFCFrames.fragment2, .received)])
        #expect(fragment.handle(.character("e")).isEmpty)
        #expect(fragment.focus == .log)
        // In the message view the two fragments are one message, which can be resent whole.
        _ = fragment.handle(.character("m"))
        _ = fragment.handle(.character("g"))
        #expect(fragment.handle(.character(".")) == [.sendText("Hello")])
    }
}
