import Foundation
import Testing
import WebSocketCore

@testable import Inspector

/// A relayed message that arrived in several frames: one row in the log, its frames in the detail view, and a line
/// saying how the two legs' frames compare.
@Suite struct RelayFramesTests {
    static let pieces = [(Opcode.text, false, 4), (.continuation, false, 4), (.continuation, false, 6), (.continuation, true, 0)]
        .map { opcode, fin, size in
            FramePiece(header: FrameHeader(fin: fin, opcode: opcode, payloadLength: UInt64(size)), dataSize: size)
        }

    func stateWithFragmentedMessage(whole: Bool) -> InspectorState {
        var state = RelayModeTests().relayState()
        state.relay?.wholeMessages = whole
        state.apply(
            relay: .message(
                connection: 1, flow: .clientToServer, message: .text("fragmented ☃"), kind: .forwarded,
                frames: Self.pieces, time: fixedTime))
        return state
    }

    @Test func aFragmentedMessageIsOneRowAndItsDetailListsTheFramesItArrivedIn() {
        var state = stateWithFragmentedMessage(whole: false)
        let grid = render(state, rows: 30, cols: 140)
        let rows = (0..<30).filter { grid.rowText($0).contains("fragmented") }
        #expect(rows.count == 1, "\(grid.text)")
        let row = rows.first.map(grid.rowText) ?? ""
        #expect(row.contains("#1") && row.contains("C→S"), "\(row)")
        _ = state.handle(.enter)
        #expect(state.detailRelay?.contains("arrived in 4 frames, sent on in 4 of the same sizes") == true, "\(state.detailRelay ?? "nil")")
        let detail = render(state, rows: 30, cols: 140)
        #expect(detail.text.contains("fragmented ☃"), "\(detail.text)")
        #expect(detail.text.contains("4 frames") || detail.text.contains("frame 4"), "\(detail.text)")
    }

    @Test func withWholeMessagesTheDetailSaysItWentOnAsOneFrame() {
        var state = stateWithFragmentedMessage(whole: true)
        _ = state.handle(.enter)
        let line = state.detailRelay ?? "nil"
        #expect(line.contains("arrived in 4 frames, sent on as one (--whole-messages)"), "\(line)")
    }
}
