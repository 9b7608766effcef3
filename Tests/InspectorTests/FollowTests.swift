import Foundation
import Testing

@testable import Inspector

/// Issue 25, "Follow mode": it resumes when the selection reaches the last row, and when the user sends.
@Suite struct FollowTests {
    func pausedState(rows: Int = 30) -> InspectorState {
        var state = InspectorState(status: ConnectionStatus(url: "ws://x", state: .open))
        for i in 0..<rows { state.log.append(.frame(textFrame("m\(i)")), direction: .received, time: fixedTime) }
        _ = state.handle(.character("k"))
        _ = state.handle(.character("k"))
        return state
    }

    @Test(arguments: [Key.character("j"), Key.down])
    func steppingOntoTheLastRowFollows(key: Key) {
        var state = pausedState()
        #expect(!state.log.isFollowing)
        _ = state.handle(key)
        #expect(!state.log.isFollowing, "one row above the last: still paused")
        _ = state.handle(key)
        #expect(state.log.isFollowing)
        state.log.append(.frame(textFrame("new")), direction: .received, time: fixedTime)
        #expect(state.log.selectedEntry?.preview == "new")
    }

    @Test func pageDownOntoTheLastRowFollows() {
        var state = pausedState()
        _ = state.handle(.pageUp)
        _ = state.handle(.pageUp)
        #expect(!state.log.isFollowing)
        for _ in 0..<5 { _ = state.handle(.pageDown) }
        #expect(state.log.isFollowing)
    }

    @Test func sendingFromComposeFollows() {
        var state = pausedState()
        _ = state.handle(.character("i"))
        for character in "hello" { _ = state.handle(.character(character)) }
        #expect(state.handle(.enter) == [.sendText("hello")])
        #expect(state.log.isFollowing, "the reply must be visible")
    }

    @Test func aRefusedMessageLeavesTheSelectionAlone() {
        var state = pausedState()
        _ = state.handle(.character("i"))
        for character in "/nope" { _ = state.handle(.character(character)) }
        #expect(state.handle(.enter) == [])
        #expect(!state.log.isFollowing)
    }
}
