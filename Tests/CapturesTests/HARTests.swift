import Foundation
import Testing

@testable import Captures

/// HAR out and in: our writer's output read back, Chrome's shape read field by field, and malformed files refused
/// with the file, the JSON path and the problem.
@Suite struct HARTests {
    static let start = Date(timeIntervalSince1970: 1_796_378_400.125)

    static func sample() -> Capture {
        let t = start.timeIntervalSince1970
        var connection = CapturedConnection(
            url: "wss://127.0.0.1:9443/socket?x=1", startedAt: start,
            requestHeaders: [CapturedHeader(name: "Authorization", value: "<redacted>")],
            responseHeaders: [CapturedHeader(name: "Sec-WebSocket-Protocol", value: "chat")])
        connection.messages = [
            CapturedMessage(
                direction: .sent, time: Date(timeIntervalSince1970: t + 0.5), opcode: 1, payload: Array("héllo \u{1B}[2J \"q\"".utf8)),
            CapturedMessage(direction: .received, time: Date(timeIntervalSince1970: t + 0.75), opcode: 2, payload: [0xDE, 0xAD, 0, 0xFF]),
            CapturedMessage(direction: .sent, time: Date(timeIntervalSince1970: t + 1), opcode: 9, payload: Array("ping".utf8)),
            CapturedMessage(direction: .received, time: Date(timeIntervalSince1970: t + 1.25), opcode: 2, payload: []),
        ]
        connection.close = CapturedClose(code: 4000, reason: "bye", time: Date(timeIntervalSince1970: t + 2))
        return Capture(
            connections: [connection, CapturedConnection(url: "ws://127.0.0.1:8765/", startedAt: start)],
            comment: "incomplete: 3 later messages were left out")
    }

    @Test func roundTripKeepsEveryFieldAHARCanHold() throws {
        let text = HARWriter.har(Self.sample(), creator: ("wsinspect", "test"), includeControlFrames: true)
        let read = try HARReader.parse(Data(text.utf8), file: "round.har")
        #expect(read.skippedEntries == 0)
        let original = Self.sample()
        #expect(read.capture.comment == original.comment)
        #expect(read.capture.connections.count == 2)
        for (got, want) in zip(read.capture.connections, original.connections) {
            #expect(got.url == want.url && got.requestHeaders == want.requestHeaders && got.responseHeaders == want.responseHeaders)
            #expect(abs(got.startedAt.timeIntervalSince(want.startedAt)) < 0.001)
            #expect(got.messages.map(\.payload) == want.messages.map(\.payload))
            #expect(got.messages.map(\.opcode) == want.messages.map(\.opcode))
            #expect(got.messages.map(\.direction) == want.messages.map(\.direction))
            #expect(zip(got.messages, want.messages).allSatisfy { abs($0.time.timeIntervalSince($1.time)) < 0.000_01 })
            #expect(got.close?.code == want.close?.code && got.close?.reason == want.close?.reason)
            #expect(got.close.map { $0.time.timeIntervalSince1970 } == want.close.map { $0.time.timeIntervalSince1970 })
            #expect(got.httpVersion == want.httpVersion && got.status == want.status && got.statusText == want.statusText)
        }
    }

    @Test func withoutFrameDetailOnlyDataMessagesAreWrittenAsChromeDoes() throws {
        let text = HARWriter.har(Self.sample(), creator: ("wsinspect", "test"))
        let read = try HARReader.parse(Data(text.utf8), file: "chrome-like.har")
        #expect(read.capture.connections[0].messages.map(\.opcode) == [1, 2, 2])
        // The close is frame detail too: Chrome writes no `_webSocketClose`.
        #expect(read.capture.connections[0].close == nil)
    }

    @Test func anUpgradeHeadSplitsIntoStartLineAndHeaders() throws {
        let head = try #require(
            HTTPHead(Array("HTTP/1.1 101 Switching Protocols\r\nUpgrade:  websocket \r\nbad line\r\nX-A: 1\r\n\r\nbody".utf8)))
        #expect(head.startLine == ["HTTP/1.1", "101", "Switching Protocols"])
        #expect(head.headers == [CapturedHeader(name: "Upgrade", value: "websocket"), CapturedHeader(name: "X-A", value: "1")])
        #expect(head.value(of: "upgrade") == "websocket")
        #expect(HTTPHead(Array("garbage".utf8)) == nil)
    }

    /// Every `_webSocketMessages` element follows Chrome's field rules, checked on the raw JSON.
    @Test func messagesFollowChromesFieldRules() throws {
        let text = HARWriter.har(Self.sample(), creator: ("wsinspect", "test"), includeControlFrames: true)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let log = try #require(root["log"] as? [String: Any])
        #expect(log["version"] as? String == "1.2")
        let entry = try #require((log["entries"] as? [[String: Any]])?.first)
        #expect(entry["_resourceType"] as? String == "websocket")
        #expect((entry["response"] as? [String: Any])?["status"] as? Int == 101)
        let messages = try #require(entry["_webSocketMessages"] as? [[String: Any]])
        #expect(messages.map { $0["type"] as? String } == ["send", "receive", "send", "receive"])
        #expect(messages.allSatisfy { ($0["time"] as? Double).map { $0 > 1_700_000_000 } ?? false })
        #expect(messages[0]["data"] as? String == "héllo \u{1B}[2J \"q\"")
        #expect(messages[1]["data"] as? String == "3q0A/w==")
        #expect(messages[2]["data"] as? String == "cGluZw==")
        // The escape sequence is a \u escape in the file, so the file itself is inert in a terminal.
        #expect(!text.contains("\u{1B}") && text.contains("\\u001b[2J"))
        let close = try #require(entry["_webSocketClose"] as? [String: Any])
        #expect(close["code"] as? Int == 4000 && close["reason"] as? String == "bye")
        #expect(close["time"] as? Double == close["timestamp"] as? Double && close["time"] as? Double != nil)
        #expect(log["comment"] as? String == "incomplete: 3 later messages were left out")
    }

    @Test func chromesExportReadsFieldByField() throws {
        let url = try #require(Bundle.module.url(forResource: "chrome-websocket", withExtension: "har", subdirectory: "Fixtures"))
        let read = try HARReader.read(path: url.path)
        #expect(read.skippedEntries == 1)
        let connection = try #require(read.capture.connections.first)
        #expect(connection.url == "ws://127.0.0.1:8765/echo")
        #expect(connection.status == 101)
        #expect(connection.requestHeaders.count == 6)
        #expect(abs(connection.startedAt.timeIntervalSince1970 - 1_796_378_401.25) < 0.001)
        #expect(connection.messages.map(\.direction) == [.sent, .received, .sent, .received, .sent, .received])
        #expect(connection.messages[2].payload == Array("héllo 世界 👋".utf8))
        #expect(connection.messages[4].payload == [0xDE, 0xAD, 0xBE, 0xEF, 0x00, 0x01])
        #expect(connection.messages[1].time.timeIntervalSince1970 == 1_796_378_402.5015)
    }

    @Test(arguments: [
        ("not json", "bad.har: is not JSON (is it a HAR file?)"),
        ("{}", "bad.har: log: missing"),
        ("{\"log\":{\"entries\":{}}}", "bad.har: log.entries: not an array"),
        (
            #"{"log":{"entries":[{"_resourceType":"websocket","request":{"url":"ws://x/"},"response":{"status":101},"startedDateTime":"yesterday"}]}}"#,
            "bad.har: log.entries[0].startedDateTime: \"yesterday\" is not an ISO 8601 time"
        ),
        (
            #"{"log":{"entries":[{"_webSocketMessages":[{"type":"send","time":1,"opcode":2,"data":"!!"}],"request":{"url":"ws://x/"},"response":{"status":101},"startedDateTime":"2026-12-04T10:00:00Z"}]}}"#,
            "bad.har: log.entries[0]._webSocketMessages[0].data: not valid base64"
        ),
        (
            #"{"log":{"entries":[{"_webSocketMessages":[{"type":"sent","time":1,"opcode":1,"data":"x"}],"request":{"url":"ws://x/"},"response":{"status":101},"startedDateTime":"2026-12-04T10:00:00Z"}]}}"#,
            "bad.har: log.entries[0]._webSocketMessages[0].type: \"sent\" is neither \"send\" nor \"receive\""
        ),
        (
            #"{"log":{"entries":[{"_webSocketMessages":[{"type":"send","time":true,"opcode":1,"data":"x"}],"request":{"url":"ws://x/"},"response":{"status":101},"startedDateTime":"2026-12-04T10:00:00Z"}]}}"#,
            "bad.har: log.entries[0]._webSocketMessages[0].time: not a number"
        ),
        (
            #"{"log":{"entries":[{"_webSocketMessages":[{"type":"send","time":1,"opcode":300,"data":"x"}],"request":{"url":"ws://x/"},"response":{"status":101},"startedDateTime":"2026-12-04T10:00:00Z"}]}}"#,
            "bad.har: log.entries[0]._webSocketMessages[0].opcode: 300.0 is not a WebSocket opcode (0–15)"
        ),
    ])
    func malformedFilesNameThePathAndTheProblem(_ text: String, _ expected: String) {
        Self.expectError(text, expected)
    }

    static func expectError(_ text: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try HARReader.parse(Data(text.utf8), file: "bad.har")
            Issue.record("accepted: \(text)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.description == expected, sourceLocation: sourceLocation)
        }
    }

    static let socket =
        #""_resourceType":"websocket","request":{"url":"ws://x/"},"response":{"status":101},"startedDateTime":"2026-12-04T10:00:00Z""#

    /// Read in one pass, a file cut short or broken in the middle says where, by JSON path and line.
    @Test func syntaxErrorsNameThePathAndTheLine() {
        let cut = #"{"log":{"entries":[{"# + Self.socket + #","_webSocketMessages":[{"type":"send","time":1,"opcode":1,"data":"hel"#
        Self.expectError(
            cut,
            "bad.har: log.entries[0]._webSocketMessages[0].data: not valid JSON at line 1, column 208: the text ends inside a string (cut off?)"
        )
        let broken = "{\"log\":{\"entries\":[\n{" + Self.socket + ",\n\"_webSocketMessages\":[{\"type\":\"send\" \"time\":1}]}]}}"
        Self.expectError(
            broken, "bad.har: log.entries[0]._webSocketMessages[0]: not valid JSON at line 3, column 38: expected ',' or '}', found '\"'")
        Self.expectError(#"{"log":{"entries":[]}} x"#, "bad.har: not valid JSON at line 1, column 24: text after the end of the document")
        Self.expectError("", "bad.har: is not JSON (is it a HAR file?)")
        Self.expectError("[1,2]", "bad.har: not an object")
    }

    @Test func aTimeNoClockCanShowIsAnError() {
        Self.expectError(
            #"{"log":{"entries":[{"# + Self.socket + #","_webSocketMessages":[{"type":"send","time":1e300,"opcode":1,"data":"x"}]}]}}"#,
            "bad.har: log.entries[0]._webSocketMessages[0].time: 1e+300 is not a time in seconds since 1970 (years 1 to 9999)")
    }

    /// What is wrong in an entry that is not a WebSocket connection is not an error: the reader never needed it.
    @Test func problemsInOtherEntriesAreNotErrors() throws {
        let text =
            #"{"log":{"entries":[{"_resourceType":"xhr","request":{"url":5,"headers":7},"response":{"status":"ok"},"startedDateTime":"soon"},"#
            + #"{"_webSocketClose":null,"# + Self.socket + #"}]}}"#
        let read = try HARReader.parse(Data(text.utf8), file: "ok.har")
        #expect(read.skippedEntries == 1 && read.capture.connections.count == 1)
        #expect(read.capture.connections[0].close == nil)
        // The same problem after `_resourceType` says websocket is one, and so is one before it.
        Self.expectError(
            #"{"log":{"entries":[{"request":{"url":5},"_resourceType":"websocket"}]}}"#, "bad.har: log.entries[0].request.url: not a string"
        )
    }

    @Test func bigCaptureReadsEveryMessage() throws {
        var text = #"{"log":{"entries":[{"# + Self.socket + #","_webSocketMessages":["#
        for index in 0..<20_000 {
            if index > 0 { text += "," }
            text +=
                #"{"type":"\#(index % 2 == 0 ? "send" : "receive")","time":\#(1_796_378_400 + Double(index) / 1000),"opcode":1,"data":"m\#(index)"}"#
        }
        text += "]}]}}"
        let read = try HARReader.parse(Data(text.utf8), file: "big.har")
        let messages = read.capture.connections[0].messages
        #expect(messages.count == 20_000)
        #expect(messages.last?.payload == Array("m19999".utf8) && messages.last?.direction == .received)
    }

}

/// HAR times are read by our own ISO 8601 parser: Foundation's crashed (SIGFPE in ICU) on a long fraction, found by
/// the `har_reader` fuzz target; the crashing input is the first case.
@Suite struct ISOTimeTests {
    @Test(arguments: [
        ("2026-12-04T10:00:01.200000000000000000000000000000000000000000000000000000000000000000000000000000050Z", 1_796_378_401.2),
        ("2026-12-04T10:00:01.250Z", 1_796_378_401.25),
        ("2026-12-04T10:00:01Z", 1_796_378_401),
        ("2026-12-04T12:00:01+02:00", 1_796_378_401),
        ("2026-12-04T05:30:01-0430", 1_796_378_401),
        ("2024-02-29T00:00:00Z", 1_709_164_800),
        ("1970-01-01T00:00:00.000Z", 0),
    ])
    func parses(_ text: String, _ seconds: Double) throws {
        let date = try #require(ISOTime.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.000_001)
    }

    @Test(arguments: [
        "2026-12-04T10:0:00.000Z", "2026-12-04 10:00:00", "2026-13-01T00:00:00Z", "2023-02-29T00:00:00Z",
        "2026-12-04T24:00:00Z", "2026-12-04T10:00:00.Z", "2026-12-04T10:00:00Zjunk", "", "yesterday",
    ])
    func refuses(_ text: String) {
        #expect(ISOTime.parse(text) == nil)
    }

    @Test func formatsAndReadsBack() throws {
        for seconds in [0.0, 1_796_378_401.25, 951_782_400.999, -86_400.5] {
            let text = ISOTime.format(Date(timeIntervalSince1970: seconds))
            let back = try #require(ISOTime.parse(text), "\(text)")
            #expect(abs(back.timeIntervalSince1970 - seconds) < 0.001, "\(text)")
        }
        #expect(ISOTime.format(Date(timeIntervalSince1970: 1_796_378_401.25)) == "2026-12-04T10:00:01.250Z")
    }

    @Test func anOutOfRangeStatusIsAnErrorNotATrap() {
        let text =
            #"{"log":{"entries":[{"_resourceType":"websocket","request":{"url":"ws://x/"},"response":{"status":1e300},"startedDateTime":"2026-12-04T10:00:00Z"}]}}"#
        #expect(throws: CaptureError(file: "x.har", path: "log.entries[0].response.status", problem: "1e+300 is not an HTTP status")) {
            _ = try HARReader.parse(Data(text.utf8), file: "x.har")
        }
    }
}

/// `replay`'s schedule: only sent data messages, their gaps divided by the speed, never negative or out of order.
@Suite struct ReplayPlanTests {
    @Test func sentDataMessagesKeepTheirGapsOverTheSpeed() throws {
        let plan = try ReplayPlan(HARTests.sample(), connection: 1, speed: 2)
        // Sent: text at +0.5 and a ping at +1 (not replayed); received messages are not sent.
        #expect(plan.steps.map(\.opcode) == [1])
        var capture = HARTests.sample()
        let t = HARTests.start
        capture.connections[0].messages = [
            CapturedMessage(direction: .sent, time: t + 1, opcode: 1, payload: [0x61]),
            CapturedMessage(direction: .received, time: t + 2, opcode: 1, payload: [0x61]),
            CapturedMessage(direction: .sent, time: t + 3, opcode: 2, payload: [0x01]),
            CapturedMessage(direction: .sent, time: t + 2.5, opcode: 1, payload: [0x62]),
        ]
        let timed = try ReplayPlan(capture, connection: 1, speed: 2)
        #expect(timed.steps.map(\.offset) == [0, 1, 1])
        #expect(timed.steps.map(\.payload) == [[0x61], [0x01], [0x62]])
        #expect(try ReplayPlan(capture, connection: 1, speed: nil).steps.map(\.offset) == [0, 0, 0])
        #expect(throws: ReplayPlanError.self) { try ReplayPlan(capture, connection: 3, speed: 1) }
    }
}
