import Foundation
import Testing

@testable import Inspector

/// Issue 25, "Whose close reason": our close and the server's answer are shown apart.
@Suite struct CloseWordsTests {
    func ours(_ code: UInt16, _ reason: String) -> CloseFrameContent {
        CloseFrameContent(payload: [UInt8(code >> 8), UInt8(code & 0xFF)] + Array(reason.utf8))
    }

    @Test func words() {
        #expect(
            CloseWords.weSentServerAnswered(ours: ours(4000, "bye"), code: 4000, reason: "")
                == "we sent 4000 bye · server answered 4000")
        #expect(
            CloseWords.weSentServerAnswered(ours: ours(1000, ""), code: 1005, reason: "")
                == "we sent 1000 · server answered with no code")
        #expect(
            CloseWords.weSentServerAnswered(ours: ours(4000, "bye"), code: 1006, reason: "")
                == "we sent 4000 bye · server never answered")
        #expect(
            CloseWords.weSentServerAnswered(ours: ours(4000, ""), code: 4001, reason: "no\u{1B}[2J")
                == "we sent 4000 · server answered 4001 no␛[2J")
    }

    @Test func statusBarShowsBothSidesNotOurReasonUnderTheirCode() {
        var state = InspectorState(status: ConnectionStatus(url: "ws://x", state: .closed(code: 4000, reason: "")))
        state.status.ourClose = ours(4000, "bye")
        let status = render(state, rows: 24, cols: 100).lines[0]
        #expect(status.hasPrefix(" CLOSED · we sent 4000 bye · server answered 4000 "), "\(status)")
        #expect(!status.contains("Private Use: bye"))
    }

    @Test func theCloseNoteSaysBothSides() {
        var state = InspectorState(status: ConnectionStatus(url: "ws://x", state: .closing))
        state.status.ourClose = ours(4000, "bye")
        let record = state.apply(.closed(generation: 1, code: 4000, reason: "", wasClean: true), currentGeneration: 1)
        #expect(record.map { RecordPreview.make(for: $0, continuing: nil) } == "closed: we sent 4000 bye · server answered 4000 (clean)")
    }
}
