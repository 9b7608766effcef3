import Foundation
import Testing

@testable import Inspector

/// Issue 21's reconnect as the model sees it: the status bar's countdown, `R`, and `/reconnect auto|off`.
@Suite struct ReconnectStatusTests {
    @Test func theStatusBarCountsDownToTheNextAttempt() {
        let start = Date(timeIntervalSince1970: 1_000)
        var status = ConnectionStatus(url: "ws://x", state: .closed(code: 1006, reason: ""))
        status.errorText = "connection reset"
        status.reconnect = PendingReconnect(attempt: 4, due: start.addingTimeInterval(3.2))
        let state = InspectorState(status: status)
        for (elapsed, shown) in [(0.0, "3.2"), (1.0, "2.2"), (3.15, "0.1"), (3.2, "0.0"), (9, "0.0")] {
            var canvas = GridCanvas(rows: 24, cols: 100)
            InspectorRenderer(palette: defaultPalette, clock: utcClock)
                .render(state, into: &canvas, now: start.addingTimeInterval(elapsed))
            #expect(canvas.lines[0].hasPrefix(" RECONNECTING in \(shown) s (attempt 4) "), "\(canvas.lines[0])")
        }
    }

    @Test func rAsksForAReconnectAndReconnectAutoOrOffAreCommands() {
        var state = InspectorState()
        #expect(state.handle(.character("R")) == [.reconnect])
        #expect(ComposeParser.parse("/reconnect auto", mode: .text) == .success(.setAutoReconnect(true)))
        #expect(ComposeParser.parse("/reconnect off", mode: .text) == .success(.setAutoReconnect(false)))
        #expect(ComposeParser.parse("/reconnect", mode: .text) == .success(.reconnect))
        #expect(ComposeParser.parse("/reconnect soon", mode: .text) == .failure(.unexpectedArgument(command: "reconnect")))
        _ = state.handle(.tab)
        for character in "/reconnect auto" { _ = state.handle(.character(character)) }
        #expect(state.handle(.enter) == [.setAutoReconnect(true)])
    }
}
