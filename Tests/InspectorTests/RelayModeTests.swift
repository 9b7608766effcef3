import Foundation
import Testing
import WebSocketCore

@testable import Inspector

/// Relay mode's model and keys, driven with relay events and keys as the UI loop would, and drawn to a grid.
@Suite struct RelayModeTests {
    /// A relay state with connection 1 (`/chat`) and 2 (`/feed`) open, in the log's view.
    func relayState() -> InspectorState {
        var state = InspectorState(screenSize: TerminalSize(rows: 30, cols: 140))
        state.relay = RelayModel(listenURL: "ws://127.0.0.1:9000", upstream: "ws://127.0.0.1:9001")
        for (number, path) in [(1, "/chat"), (2, "/feed")] {
            state.apply(
                relay: .opened(
                    connection: number, peer: "127.0.0.1:5000\(number)", upstream: "ws://127.0.0.1:9001\(path)",
                    protocol: "", clientExtensions: "permessage-deflate", serverExtensions: "", time: fixedTime))
        }
        return state
    }

    func message(_ state: inout InspectorState, _ connection: Int, _ flow: RelayFlow, _ text: String, _ kind: RelayMessageKind = .forwarded)
    {
        state.apply(relay: .message(connection: connection, flow: flow, message: .text(text), kind: kind, time: fixedTime))
    }

    @Test func forwardedMessagesAreRowsWithTheirConnectionAndLeg() {
        var state = relayState()
        message(&state, 1, .clientToServer, "hello")
        message(&state, 2, .serverToClient, "tick")
        let grid = render(state, rows: 30, cols: 140)
        let hello = grid.row(containing: "hello").map(grid.rowText) ?? ""
        #expect(hello.contains("#1") && hello.contains("C→S"), "\(grid.text)")
        let tick = grid.row(containing: "tick").map(grid.rowText) ?? ""
        #expect(tick.contains("#2") && tick.contains("S→C"), "\(grid.text)")
        // Both legs' extensions are in the open note (the row is cut at the screen's edge: read the record).
        let notes = (0..<state.log.rowCount).compactMap { row -> String? in
            if case .note(let text, _) = state.log.entry(atRow: row).record.kind { return text }
            return nil
        }
        #expect(notes.contains { $0.contains("client ext permessage-deflate · server ext none") }, "\(notes)")
        #expect(grid.rowText(0).contains("RELAY") && grid.rowText(0).contains("ALL 2"), "\(grid.rowText(0))")
        expectGridIsInert(grid)
    }

    @Test func theMonoThemeWritesTheLegsInASCII() {
        var state = relayState()
        message(&state, 1, .clientToServer, "hello")
        var canvas = GridCanvas(rows: 30, cols: 140)
        var renderer = InspectorRenderer(palette: defaultPalette, clock: utcClock)
        renderer.asciiOnly = true
        renderer.render(state, into: &canvas)
        let row = canvas.row(containing: "hello").map(canvas.rowText) ?? ""
        #expect(row.contains("#1") && row.contains("C->S") && !row.contains("→"), "\(row)")
    }

    @Test func theConnectionListShowsEachConnectionAndPicksTheOneTheLogShows() {
        var state = relayState()
        message(&state, 1, .clientToServer, "hello")
        message(&state, 1, .serverToClient, "hi")
        message(&state, 2, .serverToClient, "tick")
        _ = state.handle(.character("C"))
        #expect(state.activeContext == .connections)
        var grid = render(state, rows: 30, cols: 140)
        let first = grid.row(containing: "/chat").map(grid.rowText) ?? ""
        #expect(first.contains("#1") && first.contains("OPEN") && first.contains("127.0.0.1:50001"), "\(grid.text)")
        // One message each way on #1, one server-to-client on #2.
        #expect(first.split(separator: " ").contains("1"), "\(first)")
        #expect(grid.row(containing: "/feed") != nil, "\(grid.text)")
        // The cursor starts on the newest; up to #1 and Enter shows only its rows.
        _ = state.handle(.up)
        _ = state.handle(.enter)
        #expect(state.overlay == nil)
        #expect(state.relay?.selected == 1)
        grid = render(state, rows: 30, cols: 140)
        #expect(grid.row(containing: "hello") != nil && grid.row(containing: "tick") == nil, "\(grid.text)")
        #expect(grid.rowText(0).contains("#1"), "\(grid.rowText(0))")
        // `*` merges them again.
        _ = state.handle(.character("*"))
        grid = render(state, rows: 30, cols: 140)
        #expect(grid.row(containing: "hello") != nil && grid.row(containing: "tick") != nil, "\(grid.text)")
        #expect(state.relay?.selected == nil)
    }

    @Test func interceptCyclesThroughTheDirectionsForTheSelectedConnection() {
        var state = relayState()
        message(&state, 2, .clientToServer, "on two")
        var modes: [InterceptMode] = []
        for _ in 0..<4 {
            let effects = state.handle(.character("I"))
            guard case .relay(.setIntercept(let connection, let mode))? = effects.first else {
                Issue.record("I asked for \(effects)")
                return
            }
            #expect(connection == 2)
            modes.append(mode)
        }
        #expect(modes == [.clientToServer, .serverToClient, .both, .off])
    }

    @Test func keysOnAHeldRowDecideItAndTheRelaysAnswerChangesTheRow() {
        var state = relayState()
        message(&state, 1, .clientToServer, "first", .held(id: 1))
        message(&state, 1, .clientToServer, "second", .held(id: 2))
        var grid = render(state, rows: 30, cols: 140)
        #expect(grid.row(containing: "second").map(grid.rowText)?.contains("HELD") == true, "\(grid.text)")
        #expect(state.relay?.connection(1)?.held == 2)

        // Following: the newest row, "second", is selected.
        let hold2 = HoldKey(connection: 1, flow: .clientToServer, id: 2)
        #expect(state.handle(.character("d")) == [.relay(.decide(hold2, .drop))])
        _ = state.handle(.up)
        let hold1 = HoldKey(connection: 1, flow: .clientToServer, id: 1)
        #expect(state.handle(.enter) == [.relay(.decide(hold1, .forward))])
        #expect(state.handle(.character("F")) == [.relay(.forwardAll(connection: 1))])

        // The model changes only when the relay says what it did.
        state.apply(relay: .decided(connection: 1, flow: .clientToServer, holdID: 1, decision: .forward, time: fixedTime))
        state.apply(relay: .decided(connection: 1, flow: .clientToServer, holdID: 2, decision: .drop, time: fixedTime))
        grid = render(state, rows: 30, cols: 140)
        #expect(grid.row(containing: "first").map(grid.rowText)?.contains("FWD") == true, "\(grid.text)")
        #expect(grid.row(containing: "second").map(grid.rowText)?.contains("DROP") == true, "\(grid.text)")
        #expect(state.relay?.connection(1)?.held == 0)
        #expect(state.relay?.connection(1)?.toServer == 1)
    }

    @Test func editingAHeldRowPutsItInComposeAndTheNextSendReplacesIt() {
        var state = relayState()
        message(&state, 1, .serverToClient, "price 10", .held(id: 7))
        _ = state.handle(.character("e"))
        #expect(state.focus == .compose)
        #expect(state.compose.buffer.text == "price 10")
        let hold = HoldKey(connection: 1, flow: .serverToClient, id: 7)
        #expect(state.relay?.editing == hold)
        #expect(state.takeEditedHold() == hold)
        #expect(state.focus == .log)
        #expect(state.relay?.editing == nil)
        state.apply(
            relay: .decided(connection: 1, flow: .serverToClient, holdID: 7, decision: .replace(.text("price 99")), time: fixedTime))
        let grid = render(state, rows: 30, cols: 140)
        #expect(grid.row(containing: "price 10").map(grid.rowText)?.contains("EDITED") == true, "\(grid.text)")
        let edited = grid.row(containing: "price 99").map(grid.rowText) ?? ""
        #expect(edited.contains("→C") && edited.contains("EDIT"), "\(grid.text)")
    }

    @Test func ctrlDInComposeSwitchesWhomComposeSendsTo() {
        var state = relayState()
        message(&state, 1, .clientToServer, "hello")
        _ = state.handle(.character("i"))
        #expect(state.focus == .compose)
        #expect(state.relay?.injectTarget == .server)
        #expect(render(state, rows: 30, cols: 140).rowText(0).contains("send → server #1"))
        _ = state.handle(.ctrl("d"))
        #expect(state.relay?.injectTarget == .client)
        #expect(render(state, rows: 30, cols: 140).rowText(0).contains("send → client #1"))
        _ = state.handle(.ctrl("d"))
        #expect(state.relay?.injectTarget == .server)
    }

    @Test func theClientModeHasNoRelayKeys() {
        var state = InspectorState()
        _ = state.log.append(.frame(textFrame("x")), direction: .received)
        #expect(state.handle(.character("I")).isEmpty)
        #expect(state.handle(.character("C")).isEmpty)
        #expect(state.overlay == nil)
        #expect(state.log.relayTags.count == 0)
    }

    @Test func tagsOfRecordsTheLogDroppedAreForgotten() {
        var state = InspectorState(log: LogModel(capacity: 10))
        state.relay = RelayModel(listenURL: "ws://127.0.0.1:9000", upstream: "ws://127.0.0.1:9001")
        for index in 0..<5_000 { message(&state, 1, .clientToServer, "m\(index)") }
        #expect(state.log.relayTags.count <= 2 * 1024 + 10)
        #expect(state.log.relayTags.tag(for: state.log.entry(atRow: 0).record.id)?.connection == 1)
    }

    @Test func theConnectionListKeepsAtMostItsLimitForgettingEndedOnesFirst() {
        var state = InspectorState()
        state.relay = RelayModel(listenURL: "ws://127.0.0.1:9000", upstream: "ws://127.0.0.1:9001")
        let count = RelayModel.connectionLimit + 100
        for number in 1...count {
            state.apply(
                relay: .opened(
                    connection: number, peer: "p", upstream: "ws://h/", protocol: "", clientExtensions: "",
                    serverExtensions: "", time: fixedTime))
            if number > 1 {
                state.apply(relay: .ended(connection: number, by: .client, code: 1000, reason: "", clean: true, time: fixedTime))
            }
        }
        let connections = state.relay?.connections ?? []
        #expect(connections.count == RelayModel.connectionLimit)
        // The open one stays; the oldest ended ones went.
        #expect(connections.first?.number == 1)
        #expect(connections.last?.number == count)
    }

    @Test func aWideTerminalShowsTheConnectionsBesideTheLog() {
        var state = relayState()
        message(&state, 1, .clientToServer, "hello")
        _ = state.handle(.character("C"))
        _ = state.handle(.enter)
        let wide = render(state, rows: 30, cols: Layout.sideBySideColumns)
        let title = wide.row(containing: "Connections 2") ?? -1
        #expect(title >= 0 && title < 4, "\(wide.text)")
        // One line per connection, counts each way; `>` marks the one the log shows.
        #expect(wide.text.contains("  #1   OPEN    C→S 1    S→C 0     /chat"), "\(wide.text)")
        #expect(wide.text.contains("> #2   OPEN    C→S 0    S→C 0     /feed"), "\(wide.text)")
        expectGridIsInert(wide)
        // Narrower, the frame pane is under the log and the list is behind C only.
        let narrow = render(state, rows: 30, cols: Layout.sideBySideColumns - 1)
        #expect(narrow.row(containing: "Connections") == nil, "\(narrow.text)")
    }

    @Test func theDetailViewOfARelayRowSaysItsConnectionLegAndFate() {
        var state = relayState()
        message(&state, 2, .clientToServer, "{}", .held(id: 1))
        state.apply(relay: .decided(connection: 2, flow: .clientToServer, holdID: 1, decision: .drop, time: fixedTime))
        // Not held any more, so Enter opens the row.
        #expect(state.handle(.enter).isEmpty)
        let grid = render(state, rows: 30, cols: 140)
        #expect(
            grid.text.contains("connection #2 · client → server · held, then dropped: the server never got it"), "\(grid.text)")
        // The client mode's reply timing would name another connection's message: not shown in relay mode.
        #expect(state.detailReply == nil)
    }
}
