import Foundation
import Testing
import WebSocketCore

@testable import Inspector

@Suite struct LogModelTests {
    func filledLog(_ count: Int, capacity: Int = 100) -> LogModel {
        var log = LogModel(capacity: capacity)
        for i in 0..<count {
            log.append(.frame(textFrame("msg \(i)")), direction: i % 2 == 0 ? .sent : .received, time: fixedTime)
        }
        return log
    }

    @Test func idsIncreaseAndCountersCountWireBytes() {
        var log = LogModel()
        let a = log.append(.frame(RFCFrames.maskedText), direction: .sent, time: fixedTime)
        let b = log.append(.frame(RFCFrames.unmaskedText), direction: .received, time: fixedTime)
        log.note("connected")
        #expect(a?.id == 1 && b?.id == 2)
        #expect(log.counters.sentFrames == 1 && log.counters.sentBytes == 11)
        #expect(log.counters.receivedFrames == 1 && log.counters.receivedBytes == 7)
        #expect(log.rowCount == 3)
    }

    @Test func aLogThatKeepsNoRecordsStillNumbersAndCountsThem() {
        var log = LogModel()
        log.keepsRecords = false
        let a = log.append(.frame(RFCFrames.maskedText), direction: .sent, time: fixedTime)
        let b = log.append(.frame(RFCFrames.unmaskedText), direction: .received, time: fixedTime)
        #expect(a?.id == 1 && b?.id == 2)
        #expect(log.counters.sentFrames == 1 && log.counters.receivedFrames == 1)
        #expect(log.recordCount == 0 && log.rowCount == 0)
    }

    @Test func ringDropsOldestAndCountsThem() {
        let log = filledLog(25, capacity: 10)
        #expect(log.recordCount == 10)
        #expect(log.rowCount == 10)
        #expect(log.droppedCount == 15)
        #expect(log.entry(atRow: 0).preview == "msg 15")
        #expect(log.entry(atRow: 9).preview == "msg 24")
        #expect(log.entry(atRow: 0).record.id == 16)
    }

    @Test func defaultCapacityIsOneHundredThousand() {
        #expect(LogModel().capacity == 100_000)
    }

    @Test func aHundredThousandAppendsStayConsistent() {
        var log = LogModel(capacity: 100_000)
        let frame = textFrame("flood")
        for _ in 0..<150_000 { log.append(.frame(frame), direction: .received, time: fixedTime) }
        #expect(log.recordCount == 100_000)
        #expect(log.droppedCount == 50_000)
        #expect(log.rowCount == 100_000)
        #expect(log.selectedEntry?.record.id == 150_000)
        #expect(log.topRow(forHeight: 20) == 100_000 - 20)
    }

    @Test func followModeSelectsNewest() {
        var log = filledLog(5)
        #expect(log.isFollowing)
        #expect(log.selectedRow == 4)
        log.append(.frame(textFrame("new")), direction: .received, time: fixedTime)
        #expect(log.selectedRow == 5)
        #expect(log.newWhilePaused == 0)
    }

    @Test func movingUpPausesAndCountsNewRows() {
        var log = filledLog(5)
        log.moveSelection(by: -1, viewportHeight: 10)
        #expect(!log.isFollowing)
        #expect(log.selectedRow == 3)
        log.append(.frame(textFrame("a")), direction: .received, time: fixedTime)
        log.append(.frame(textFrame("b")), direction: .received, time: fixedTime)
        #expect(log.newWhilePaused == 2)
        #expect(log.selectedRow == 3, "the selection stays put while paused")
        log.resumeFollowing()
        #expect(log.isFollowing && log.newWhilePaused == 0 && log.selectedRow == 6)
    }

    @Test func movingDownWhileFollowingDoesNotPause() {
        var log = filledLog(5)
        log.moveSelection(by: 1, viewportHeight: 10)
        #expect(log.isFollowing)
    }

    @Test func pageUpAndFirstPause() {
        var log = filledLog(50)
        log.pageUp(viewportHeight: 10)
        #expect(!log.isFollowing)
        #expect(log.selectedRow == 40)
        log.selectFirst(viewportHeight: 10)
        #expect(log.selectedRow == 0)
        #expect(log.topRow(forHeight: 10) == 0)
        log.pageDown(viewportHeight: 10)
        #expect(log.selectedRow == 9)
    }

    @Test func pausedSelectionSurvivesDrops() {
        var log = filledLog(10, capacity: 10)
        log.selectFirst(viewportHeight: 5)
        log.append(.frame(textFrame("x")), direction: .sent, time: fixedTime)
        #expect(log.selectedEntry?.preview == "msg 0", "paused is still: the selection keeps its record")
        #expect(log.selectionLoss == .capacity && log.selectedRow == nil)
        #expect(log.droppedCount == 1)
    }

    @Test func regexFilterMatchesPreview() throws {
        var log = filledLog(20)
        try log.setFilterPattern("msg 1[0-9]")
        #expect(log.rowCount == 10)
        #expect(log.entry(atRow: 0).preview == "msg 10")
        // New records are filtered as they arrive.
        log.append(.frame(textFrame("msg 19b")), direction: .sent, time: fixedTime)
        log.append(.frame(textFrame("other")), direction: .sent, time: fixedTime)
        #expect(log.rowCount == 11)
        try log.setFilterPattern("")
        #expect(log.rowCount == 22)
    }

    @Test func regexIsSmartCase() throws {
        var log = LogModel()
        log.append(.frame(textFrame("Hello")), direction: .sent, time: fixedTime)
        try log.setFilterPattern("hello")
        #expect(log.rowCount == 1)
        try log.setFilterPattern("HELLO")
        #expect(log.rowCount == 0)
    }

    @Test func invalidRegexIsRefusedAndFilterKept() throws {
        var log = filledLog(5)
        try log.setFilterPattern("msg [12]")
        #expect(throws: LogFilterError.self) { try log.setFilterPattern("(") }
        #expect(log.filter.pattern == "msg [12]")
        #expect(log.rowCount == 2)
    }

    @Test func hideControlFramesAndDirections() {
        var log = LogModel()
        log.append(.frame(textFrame("hi")), direction: .sent, time: fixedTime)
        log.append(.frame(RFCFrames.ping), direction: .received, time: fixedTime)
        log.append(.frame(textFrame("hi")), direction: .received, time: fixedTime)
        log.append(.frame(RFCFrames.close1000), direction: .received, time: fixedTime)
        log.note("closed")
        log.setHideControlFrames(true)
        #expect(log.rowCount == 3)
        log.setHidden(.sent, true)
        #expect(log.rowCount == 2)
        log.setHideControlFrames(false)
        log.setHidden(.sent, false)
        log.setHidden(.received, true)
        #expect(log.rowCount == 2)
        #expect((0..<log.rowCount).allSatisfy { log.entry(atRow: $0).record.direction != .received })
    }

    @Test func clearEmptiesTheLogButKeepsCounters() {
        var log = filledLog(30, capacity: 10)
        log.clear()
        #expect(log.recordCount == 0 && log.rowCount == 0 && log.droppedCount == 0)
        #expect(log.counters.sentFrames == 15)
        let next = log.append(.frame(textFrame("again")), direction: .sent, time: fixedTime)
        #expect(next?.id == 31)
    }

    @Test func continuationFramesPreviewLikeTheirMessage() {
        var log = LogModel()
        log.append(.frame(RFCFrames.fragment1), direction: .received, time: fixedTime)
        log.append(.frame(RFCFrames.fragment2), direction: .received, time: fixedTime)
        #expect(log.entry(atRow: 0).preview == "Hel")
        #expect(log.entry(atRow: 1).preview == "lo")
    }
}
