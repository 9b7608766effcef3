import Foundation
import Testing
import WebSocketCore

@testable import Inspector

/// The rate ring behind the status bar's rates and sparkline, the time column's modes and formats, and the
/// detail view's time since the last sent message.
@Suite struct TimingTests {
    // MARK: - Rate ring

    @Test func theRingCountsEachSecondApart() {
        var ring = RateRing()
        ring.add(second: 1000, messages: 1, bytes: 10)
        ring.add(second: 1000, messages: 2, bytes: 20)
        ring.add(second: 1001, messages: 5, bytes: 7)
        #expect(ring.count(in: 1000) == (3, 30))
        #expect(ring.count(in: 1001) == (5, 7))
        #expect(ring.count(in: 999) == (0, 0))
    }

    @Test func theRingHoldsAFixedNumberOfSecondsAndForgetsOlderOnes() {
        var ring = RateRing()
        // Three minutes, one message a second: far more seconds than slots.
        for second in 0..<180 { ring.add(second: second, messages: 1, bytes: 1) }
        #expect(ring.count(in: 179) == (1, 1))
        #expect(ring.count(in: 179 - RateRing.slotCount + 1) == (1, 1), "the oldest slot still held")
        #expect(ring.count(in: 179 - RateRing.slotCount) == (0, 0), "its slot now holds a later second")
        // A late record for a second the ring no longer holds is not counted into the newer one in its slot.
        ring.add(second: 179 - RateRing.slotCount, messages: 100, bytes: 100)
        #expect(ring.count(in: 179) == (1, 1))
        #expect(ring.count(in: 179 - RateRing.slotCount) == (0, 0))
    }

    @Test func theRateCoversTheLastFiveSecondsAndFades() {
        var ring = RateRing()
        for second in 100..<105 { ring.add(second: second, messages: 10, bytes: 1000) }
        // At the very end of second 104: 50 messages over five seconds.
        let busy = ring.rate(at: 104.999)
        #expect(abs(busy.messages - 10) < 0.01)
        #expect(abs(busy.bytes - 1000) < 1)
        // Three quiet seconds later only seconds 103 and 104 are inside the window.
        let fading = ring.rate(at: 107.999)
        #expect(abs(fading.messages - 4) < 0.01)
        #expect(ring.rate(at: 200).messages == 0)
    }

    @Test func theHistoryIsTheMinuteBeforeTheCurrentSecond() {
        var ring = RateRing()
        ring.add(second: 1000, messages: 3, bytes: 0)
        ring.add(second: 1059, messages: 4, bytes: 0)
        ring.add(second: 1060, messages: 9, bytes: 0)
        let history = ring.messageHistory(before: 1060.5)
        #expect(history.count == 60)
        #expect(history.first == 3 && history.last == 4)
        #expect(history.reduce(0, +) == 7, "the second in progress is not in the history")
        #expect(ring.isActive(at: 1100))
        #expect(!ring.isActive(at: 1121), "a minute after the last traffic the rates go")
    }

    @Test func theCountersFeedTheRingsWithMessagesAndWireBytes() {
        var log = LogModel()
        let time = Date(timeIntervalSince1970: 2000.5)
        log.append(.frame(textFrame("hello")), direction: .received, time: time)
        log.append(.frame(RFCFrames.fragment1), direction: .received, time: time)
        log.append(.frame(RFCFrames.ping), direction: .received, time: time)
        log.append(.frame(textFrame("hi")), direction: .sent, time: time)
        let received = log.counters.receivedRate.count(in: 2000)
        #expect(received.messages == 1, "a fragment without FIN and a ping are not messages")
        #expect(received.bytes == log.counters.receivedBytes)
        #expect(log.counters.sentRate.count(in: 2000) == (1, log.counters.sentBytes))
    }

    @Test func theRatesTakeOnlyTheRoomLeftOverAndNeverTheURLs() {
        let url = "ws://127.0.0.1:44037/a-rather-long-path/echo"
        var state = InspectorState(status: ConnectionStatus(url: url, state: .open))
        state.log.append(.frame(textFrame("x")), direction: .received, time: Date() - 1)
        let wide = render(state, rows: 24, cols: 200).lines[0]
        #expect(wide.contains(url) && wide.contains("5 s → ") && wide.contains("← 60 s "), "\(wide)")
        let narrow = render(state, rows: 24, cols: 100).lines[0]
        #expect(narrow.contains(url), "the URL stays whole: \(narrow)")
        #expect(narrow.contains("← 1 fr"), "the counters stay: \(narrow)")
        #expect(!narrow.contains("5 s → ") && !narrow.contains("← 60 s "), "\(narrow)")
    }

    @Test func aCaptureShowsNoRates() {
        var state = InspectorState()
        state.captureSummary = "CAPTURE x.har · 1 connection · 1 message"
        state.log.append(.frame(textFrame("x")), direction: .received, time: Date() - 1)
        #expect(!render(state, rows: 24, cols: 200).lines[0].contains("5 s → "))
    }

    // MARK: - Sparkline and rate formats

    @Test func theSparklineScalesToTheBusiestCell() {
        #expect(Sparkline.draw([0, 1, 2, 4, 8, 0], cells: 6, ascii: false) == "▁▂▃▅█▁")
        #expect(Sparkline.draw([0, 1, 2, 4, 8, 0], cells: 6, ascii: true) == "_.,~#_")
        // Sixty seconds in twenty cells: three seconds each.
        let minute = (0..<60).map { $0 >= 57 ? 5 : 0 }
        #expect(Sparkline.draw(minute, cells: 20, ascii: false) == String(repeating: "▁", count: 19) + "█")
        #expect(Sparkline.draw([], cells: 20, ascii: false) == "")
    }

    @Test func ratesAreShort() {
        #expect(RateFormat.messages(0) == "0/s")
        #expect(RateFormat.messages(3.44) == "3.4/s")
        #expect(RateFormat.messages(120.4) == "120/s")
        #expect(RateFormat.messages(12_345) == "12.3k/s")
        #expect(RateFormat.bytes(84) == "84 B/s")
        #expect(RateFormat.bytes(3 * 1024 * 1024) == "3.0 MiB/s")
    }

    // MARK: - Time column

    @Test func theRelativeTimesAreTwelveColumnsWide() {
        #expect(TimeColumnFormat.sinceConnect(12.345) == "     +12.345")
        #expect(TimeColumnFormat.sinceConnect(0) == "      +0.000")
        #expect(TimeColumnFormat.sinceConnect(nil) == "           ?")
        #expect(TimeColumnFormat.sincePrevious(0.000412) == "   +0.000412")
        #expect(TimeColumnFormat.sincePrevious(2.5) == "   +2.500000")
        #expect(TimeColumnFormat.sincePrevious(-0.002) == "   -0.002000")
        #expect(TimeColumnFormat.sincePrevious(1234.5678) == "   +1234.567", "milliseconds from 1000 s")
        #expect(TimeColumnFormat.sincePrevious(nil) == String(repeating: " ", count: 12))
    }

    @Test func tCyclesTheTimeColumnThroughItsThreeModes() {
        var state = InspectorState()
        let start = Date(timeIntervalSince1970: 1_714_564_800)
        state.log.append(.handshakeRequest(Array("GET / HTTP/1.1\r\n\r\n".utf8)), direction: .sent, time: start)
        state.log.append(.frame(textFrame("one")), direction: .received, time: start + 1.5)
        state.log.append(.frame(textFrame("two")), direction: .received, time: start + 1.75)
        var grid = render(state, rows: 12, cols: 80)
        #expect(grid.row(containing: "12:00:01.500 ← TEXT") != nil, "\(grid.lines)")

        _ = state.handle(.character("t"))
        #expect(state.timeColumn == .sinceConnect)
        grid = render(state, rows: 12, cols: 80)
        #expect(grid.row(containing: "      +1.500 ← TEXT") != nil, "\(grid.lines)")
        #expect(grid.row(containing: "      +1.750 ← TEXT") != nil, "\(grid.lines)")
        #expect(grid.row(containing: "time since connect") != nil, "the title names the mode")

        _ = state.handle(.character("t"))
        grid = render(state, rows: 12, cols: 80)
        #expect(grid.row(containing: "   +0.250000 ← TEXT") != nil, "\(grid.lines)")
        #expect(grid.row(containing: "   +1.500000 ← TEXT") != nil, "\(grid.lines)")

        _ = state.handle(.character("t"))
        #expect(state.timeColumn == .wallClock)
    }

    @Test func afterAReconnectEachConnectionCountsFromItsOwnStart() {
        var state = InspectorState()
        let base = Date(timeIntervalSince1970: 1_714_564_800)
        let request = Array("GET / HTTP/1.1\r\n\r\n".utf8)
        state.log.markConnectionStart(at: base)
        state.log.append(.handshakeRequest(request), direction: .sent, time: base + 0.25)
        state.log.append(.frame(textFrame("one")), direction: .received, time: base + 1)
        // The second attempt: its divider comes before its handshake, yet counts from the attempt.
        state.log.markConnectionStart(at: base + 100)
        state.log.note("── connection 2 ──", time: base + 100.5)
        state.log.append(.handshakeRequest(request), direction: .sent, time: base + 101)
        state.log.append(.frame(textFrame("two")), direction: .received, time: base + 101.5)
        _ = state.handle(.character("t"))
        let grid = render(state, rows: 20, cols: 80)
        #expect(grid.row(containing: "      +0.750 ← TEXT") != nil, "\(grid.lines)")
        #expect(grid.row(containing: "      +0.500 · NOTE") != nil, "\(grid.lines)")
        #expect(grid.row(containing: "      +0.500 ← TEXT") != nil, "\(grid.lines)")
    }

    @Test func sinceConnectCountsFromTheRowsOwnConnection() {
        var starts = ConnectionStarts()
        let base = Date(timeIntervalSince1970: 5000)
        #expect(starts.start(for: base) == nil)
        starts.add(base)
        starts.add(base + 100)
        #expect(starts.start(for: base + 50) == base)
        #expect(starts.start(for: base + 100) == base + 100)
        #expect(starts.start(for: base - 1) == base, "before the first start: the oldest kept")
        for index in 0..<(ConnectionStarts.limit + 10) { starts.add(base + 200 + Double(index)) }
        #expect(starts.count == ConnectionStarts.limit)
    }

    // MARK: - Detail view: time since the last sent message

    @Test func theDetailOfAReceivedMessageSaysHowLongAfterTheLastSentOneItCame() {
        var state = InspectorState()
        let start = Date(timeIntervalSince1970: 1_714_564_800)
        state.log.append(.frame(textFrame("ask 1")), direction: .sent, time: start)
        state.log.append(.frame(textFrame("ask 2")), direction: .sent, time: start + 1)
        state.log.append(.frame(RFCFrames.ping), direction: .sent, time: start + 1.2)
        state.log.append(.frame(textFrame("answer")), direction: .received, time: start + 1.375)
        _ = state.perform(.openDetail)
        #expect(state.detailReply == ReplyTiming(sentID: 2, seconds: 0.375))
        let grid = render(state, rows: 20, cols: 100)
        #expect(grid.row(containing: "375.000 ms after #2, the last message sent before it") != nil, "\(grid.lines)")

        // A sent message has no such line.
        _ = state.perform(.cancel)
        _ = state.perform(.selectPrevious)
        _ = state.perform(.selectPrevious)
        _ = state.perform(.openDetail)
        #expect(state.detailReply == nil)
        #expect(render(state, rows: 20, cols: 100).row(containing: "the last message sent before it") == nil)
    }

    @Test func replyTimesReadInSecondsFromOneSecond() {
        #expect(ReplyTiming(sentID: 4, seconds: 2.25).text == "2.250 s after #4, the last message sent before it")
        #expect(ReplyTiming(sentID: 4, seconds: 0.000_5).text.hasPrefix("0.500 ms after #4"))
    }
}
