import Foundation
import Testing

@testable import Inspector

/// Issue 25, "Paused is not still": while paused the selection stays on its record, even once the bounded log
/// has dropped it, and the "new" count never exceeds what the log holds.
@Suite struct PauseTests {
    func flood(_ state: inout InspectorState, _ count: Int, from start: Int = 0) {
        for i in start..<(start + count) {
            state.log.append(.frame(textFrame("f\(i)")), direction: .received, time: fixedTime)
        }
    }

    @Test func theSelectionKeepsItsRecordWhileTheRingTurnsOver() throws {
        var state = InspectorState(log: LogModel(capacity: 100), status: ConnectionStatus(url: "ws://x", state: .open))
        flood(&state, 100)
        _ = state.handle(.character("k"))
        let selected = try #require(state.log.selectedEntry?.record.id)
        #expect(selected == 99)
        flood(&state, 50, from: 100)
        #expect(state.log.selectedEntry?.record.id == selected, "still held: the same record")
        flood(&state, 5_000, from: 150)
        #expect(state.log.selectedEntry?.record.id == selected, "dropped: still the same record, not the oldest row")
        #expect(state.log.selectionLoss == .capacity)
        #expect(state.log.selectedRow == nil)
        // Enter opens that record, not whatever the ring holds now.
        _ = state.handle(.enter)
        guard case .detail(.record(let record), _)? = state.overlay else {
            Issue.record("no detail view")
            return
        }
        #expect(record.id == selected)
    }

    @Test func theScreenSaysTheSelectionWasDroppedAndKeepsItsFrame() throws {
        var state = InspectorState(log: LogModel(capacity: 100), status: ConnectionStatus(url: "ws://x", state: .open))
        flood(&state, 100)
        _ = state.handle(.character("k"))
        flood(&state, 3_000, from: 100)
        let grid = render(state, rows: 24, cols: 100)
        expectGridIsInert(grid)
        #expect(
            grid.row(containing: "record #99 dropped from the log (capacity 100) · G follows again") != nil,
            "\(grid.text)")
        #expect(grid.row(containing: "─ Frame #99 ") != nil, "the frame pane keeps the selected record")
    }

    @Test func theNewCountNeverExceedsTheLogAndSaysHowManyWereDropped() {
        var state = InspectorState(log: LogModel(capacity: 100), status: ConnectionStatus(url: "ws://x", state: .open))
        flood(&state, 100)
        _ = state.handle(.character("k"))
        flood(&state, 40, from: 100)
        #expect(state.log.newWhilePausedShown == 40 && state.log.newWhilePausedDropped == 0)
        flood(&state, 1_000, from: 140)
        #expect(state.log.newWhilePausedShown == 100)
        #expect(state.log.newWhilePausedDropped == 940)
        let status = render(state, rows: 24, cols: 120).lines[0]
        #expect(status.contains("PAUSED · 100 new · 940 dropped"), "\(status)")
    }

    @Test func movingAfterTheDropStartsFromTheOldestRowAndGFollows() {
        var state = InspectorState(log: LogModel(capacity: 10), status: ConnectionStatus(url: "ws://x", state: .open))
        flood(&state, 10)
        _ = state.handle(.character("k"))
        flood(&state, 30, from: 10)
        _ = state.handle(.character("k"))
        #expect(state.log.selectionLoss == nil)
        #expect(state.log.selectedEntry?.record.id == 31, "the oldest record held")
        _ = state.handle(.character("G"))
        #expect(state.log.isFollowing && state.log.selectedEntry?.record.id == 40)
    }

    @Test func countsAreGrouped() {
        #expect(CountFormat.grouped(100_000) == "100 000")
        #expect(CountFormat.grouped(3_115_880) == "3 115 880")
        #expect(CountFormat.grouped(999) == "999")
        #expect(
            LogView.lossMessage(id: 3_115_880, loss: .capacity, limits: LogLimits(capacity: 100_000))
                == "record #3115880 dropped from the log (capacity 100 000) · G follows again")
    }
}
