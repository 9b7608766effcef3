import Foundation
import Testing
import WebSocketCore

@testable import Inspector

/// `r` in a capture view, key by key: the prompt holds the selected row's connection's URL, a bad URL is refused in
/// one sentence with the prompt kept, a good one ends the loop with the request; in a live log `r` still hides
/// received rows.
@Suite struct CaptureReplayPromptTests {
    func captureState() -> InspectorState {
        var state = InspectorState()
        for _ in 0..<4 { state.log.append(.frame(textFrame("hi")), direction: .sent, time: fixedTime) }
        let ids = state.log.keptRecords.map(\.id)
        state.captureSummary = "x.har · 2 connections"
        state.captureConnections = [
            CaptureConnection(firstRecordID: ids[0], url: "ws://one.example/a"),
            CaptureConnection(firstRecordID: ids[2], url: "ws://two.example/b"),
        ]
        return state
    }

    @Test func rAsksForTheSelectedConnectionsURL() {
        var state = captureState()
        _ = state.handle(.character("G"))
        #expect(state.handle(.character("r")).isEmpty)
        #expect(state.prompt?.kind == .replayURL(connection: 2))
        #expect(state.prompt?.input.text == "ws://two.example/b")
        _ = state.handle(.escape)
        _ = state.handle(.character("g"))
        _ = state.handle(.character("r"))
        #expect(state.prompt?.kind == .replayURL(connection: 1))
    }

    @Test func badURLsAreRefusedAndAGoodOneEndsTheLoop() {
        var state = captureState()
        _ = state.handle(.character("r"))
        _ = state.handle(.ctrl("u"))
        #expect(state.handle(.enter).isEmpty)
        #expect(state.prompt?.error?.hasPrefix("type a URL") == true)
        for character in "ftp://x/" { _ = state.handle(.character(character)) }
        #expect(state.handle(.enter).isEmpty)
        #expect(state.prompt?.error?.hasPrefix("not a URL") == true)
        #expect(state.replayRequest == nil)
        _ = state.handle(.ctrl("u"))
        for character in "ws://127.0.0.1:9/echo" { _ = state.handle(.character(character)) }
        #expect(state.handle(.enter) == [.quit])
        // The log follows, so the newest row (of connection 2) is the selected one.
        #expect(state.replayRequest == ReplayRequest(connection: 2, url: "ws://127.0.0.1:9/echo"))
        #expect(state.prompt == nil)
    }

    @Test func inALiveLogRStillHidesReceivedRows() {
        var state = InspectorState()
        _ = state.handle(.character("r"))
        #expect(state.prompt == nil)
        #expect(state.log.filter.hiddenDirections.contains(.received))
    }
}
