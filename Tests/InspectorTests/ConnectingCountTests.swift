import Foundation
import Testing

@testable import Inspector

/// Issue 25, "Timeouts": the status bar counts up while connecting.
@Suite struct ConnectingCountTests {
    @Test func connectingCountsUpInTenths() {
        let start = Date(timeIntervalSince1970: 1_000)
        var status = ConnectionStatus(url: "ws://x", state: .connecting)
        status.connectingSince = start
        let state = InspectorState(status: status)
        var canvas = GridCanvas(rows: 24, cols: 80)
        InspectorRenderer(palette: defaultPalette, clock: utcClock)
            .render(state, into: &canvas, now: start.addingTimeInterval(4.25))
        #expect(canvas.lines[0].hasPrefix(" CONNECTING 4.2 s  LOG "), "\(canvas.lines[0])")
        #expect(ElapsedFormat.count(since: nil, now: start) == "")
        #expect(ElapsedFormat.count(since: start, now: start.addingTimeInterval(75.31)) == " 75.3 s")
    }
}
