import Foundation
import Testing
import WebSocketCore

@testable import Inspector

/// A frame of a fragmented message, unmasked, with wire bytes built by hand.
func fragment(_ text: String, opcode: Opcode, fin: Bool) -> Frame {
    let payload = Array(text.utf8)
    precondition(payload.count <= 125)
    return Frame(
        header: FrameHeader(fin: fin, opcode: opcode, payloadLength: UInt64(payload.count)), payload: payload,
        wireBytes: [(fin ? 0x80 : 0) | opcode.rawValue, UInt8(payload.count)] + payload)
}

/// Issue 25, "Whole messages": `m` shows one row per message with its frame count; the detail view shows the
/// reassembled payload (so fragmented JSON pretty-prints); the hex pane lists the frames that carried it.
@Suite struct MessageViewTests {
    static let parts = [#"{"op":"subscribe","#, #""channel":"trades","#, #""depth":5}"#]

    /// A note, then a JSON message in three received frames with a ping between the second and third, then a
    /// single-frame text message sent.
    func fragmentedState() -> InspectorState {
        var state = InspectorState(status: ConnectionStatus(url: "ws://x", state: .open))
        state.log.note("connected", time: fixedTime)
        state.log.append(.frame(fragment(Self.parts[0], opcode: .text, fin: false)), direction: .received, time: fixedTime)
        state.log.append(.frame(fragment(Self.parts[1], opcode: .continuation, fin: false)), direction: .received, time: fixedTime)
        state.log.append(.frame(RFCFrames.ping), direction: .received, time: fixedTime)
        state.log.append(.frame(fragment(Self.parts[2], opcode: .continuation, fin: true)), direction: .received, time: fixedTime)
        state.log.append(.frame(textFrame("single")), direction: .sent, time: fixedTime)
        return state
    }

    @Test func mGroupsFragmentsIntoOneRowAndLeavesControlFramesApart() throws {
        var state = fragmentedState()
        #expect(state.log.rowCount == 6)
        _ = state.handle(.character("m"))
        #expect(state.log.viewMode == .messages)
        #expect(state.log.rowCount == 4, "note, message, ping, single")
        guard case .message(let message) = state.log.item(atRow: 1) else {
            Issue.record("row 1 is no message")
            return
        }
        #expect(message.frames.count == 3 && message.isComplete)
        #expect(message.payload == Array(Self.parts.joined().utf8))
        #expect(message.size == Self.parts.joined().utf8.count)
        guard case .record(let ping) = state.log.item(atRow: 2) else {
            Issue.record("the ping is no record")
            return
        }
        #expect(ping.record.frame?.header.opcode == .ping)
        guard case .message(let single) = state.log.item(atRow: 3) else {
            Issue.record("row 3 is no message")
            return
        }
        #expect(single.frames.count == 1)
        _ = state.handle(.character("m"))
        #expect(state.log.viewMode == .frames && state.log.rowCount == 6)
    }

    @Test func theRowShowsTheFrameCountAndTheWholePreview() throws {
        var state = fragmentedState()
        _ = state.handle(.character("m"))
        let grid = render(state, rows: 24, cols: 120)
        expectGridIsInert(grid)
        #expect(grid.lines[1].hasPrefix("─ Messages 4 · following"), "\(grid.lines[1])")
        let size = Self.parts.joined().utf8.count
        let row = try #require(grid.row(containing: "×3"), "\(grid.text)")
        #expect(
            grid.lines[row].hasPrefix("12:00:00.125 ← TEXT   ×3      \(size) B  {\"op\":\"subscribe\",\"channel\":\"trades\",\"depth\":5}"),
            "\(grid.lines[row])")
        #expect(grid.row(containing: "← PING   F") != nil)
    }

    @Test func theDetailViewPrettyPrintsTheReassembledJSON() throws {
        var state = fragmentedState()
        _ = state.handle(.character("m"))
        _ = state.handle(.character("k"))
        _ = state.handle(.character("k"))
        _ = state.handle(.enter)
        guard case .detail(.message(let message), _)? = state.overlay else {
            Issue.record("no message detail")
            return
        }
        #expect(message.frames.count == 3)
        let lines = DetailFormatter.lines(for: .message(message), width: 80).map(\.text)
        #expect(lines.contains("JSON"))
        let json = lines.firstIndex(of: "JSON").map { Array(lines[$0...].prefix(6)) } ?? []
        #expect(
            json == ["JSON", "{", #"  "op" : "subscribe","#, #"  "channel" : "trades","#, #"  "depth" : 5"#, "}"],
            "the keys in the order they were sent: \(lines)")
        #expect(lines.contains { $0.hasPrefix("Frame 3 of 3 #5") }, "each frame follows the payload")
        let grid = render(state, rows: 40, cols: 120)
        #expect(grid.lines[1].hasPrefix("─ Message #2–#5 · 3 frames"), "\(grid.lines[1])")
        #expect(grid.row(containing: "\"op\" : \"subscribe\"") != nil)
    }

    @Test func theHexPaneListsTheFramesThatCarriedIt() throws {
        var state = fragmentedState()
        _ = state.handle(.character("m"))
        _ = state.handle(.character("k"))
        _ = state.handle(.character("k"))
        let grid = render(state, rows: 40, cols: 120)
        #expect(grid.row(containing: "─ Message #2") != nil, "\(grid.text)")
        let size = Self.parts.joined().utf8.count
        #expect(grid.row(containing: "message TEXT · 3 frames · \(size) B") != nil, "\(grid.text)")
        for (number, id, flag) in [(1, 2, "-"), (2, 3, "-"), (3, 5, "F")] {
            #expect(
                grid.row(containing: " \(number). #\(id) ") != nil
                    && grid.lines.contains { $0.contains(" \(number). #\(id) ") && $0.contains(" \(flag)  ") },
                "frame \(number):\n\(grid.text)")
        }
        // The first frame's wire bytes: FIN clear, TEXT, 18 bytes.
        #expect(grid.row(containing: "00000000  01 12 7b 22 6f 70") != nil, "\(grid.text)")
    }

    @Test func aMessageStillArrivingShowsWhatCameAndSaysSo() {
        var state = InspectorState()
        state.log.append(.frame(fragment("hel", opcode: .text, fin: false)), direction: .received, time: fixedTime)
        state.log.toggleViewMode()
        guard case .message(let message) = state.log.item(atRow: 0) else {
            Issue.record("no message")
            return
        }
        #expect(!message.isComplete && message.preview == "hel")
        state.log.append(.frame(fragment("lo", opcode: .continuation, fin: true)), direction: .received, time: fixedTime)
        guard case .message(let whole) = state.log.item(atRow: 0) else {
            Issue.record("no message")
            return
        }
        #expect(whole.isComplete && whole.preview == "hello" && state.log.rowCount == 1)
        #expect(LogRowFormatter(clock: utcClock).line(for: .message(message)).text.contains("×1…"))
    }

    @Test func theFilterMatchesTheWholeMessageAsItGrows() throws {
        var state = InspectorState()
        state.log.toggleViewMode()
        try state.log.setFilterPattern("hello")
        state.log.append(.frame(fragment("hel", opcode: .text, fin: false)), direction: .received, time: fixedTime)
        #expect(state.log.rowCount == 0)
        state.log.append(.frame(fragment("lo", opcode: .continuation, fin: true)), direction: .received, time: fixedTime)
        #expect(state.log.rowCount == 1, "the message matched once its second fragment arrived")
    }

    @Test func compressedFragmentsReassembleTheirInflatedPayloads() {
        var state = InspectorState()
        // Two compressed frames as the tap reports them: RSV1 on the first only, each with what it inflated to.
        let first = Frame(header: FrameHeader(fin: false, rsv1: true, opcode: .text, payloadLength: 3), payload: [1, 2, 3])
        let second = Frame(header: FrameHeader(fin: true, opcode: .continuation, payloadLength: 2), payload: [4, 5])
        state.log.append(.frame(first, inflated: Array("[1,".utf8)), direction: .received, time: fixedTime)
        state.log.append(.frame(second, inflated: Array("2]".utf8)), direction: .received, time: fixedTime)
        state.log.toggleViewMode()
        guard case .message(let message) = state.log.item(atRow: 0) else {
            Issue.record("no message")
            return
        }
        #expect(message.payload == Array("[1,2]".utf8) && message.isCompressed && message.preview == "[1,2]")
        let lines = DetailFormatter.lines(for: .message(message), width: 80).map(\.text)
        #expect(lines.contains("JSON") && lines.contains("  1,"), "\(lines)")
    }

    @Test func aPausedSelectionOnALaterFragmentMovesToItsMessage() {
        var state = fragmentedState()
        state.resize(to: TerminalSize(rows: 24, cols: 80))
        for _ in 0..<3 { _ = state.handle(.character("k")) }
        #expect(state.log.selectedEntry?.record.id == 3, "the second fragment")
        _ = state.handle(.character("m"))
        guard case .message(let message)? = state.log.selectedItem else {
            Issue.record("no message selected")
            return
        }
        #expect(message.first.id == 2)
    }
}
