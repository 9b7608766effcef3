import Captures
import Foundation
import Testing
import WebSocketCore

@testable import Inspector

/// The `--record` format read back: every record the writer writes comes back equal, field by field; what is
/// wrong names the line and the field; and the round trips through HAR keep what a HAR can hold.
@Suite struct JSONLinesReaderTests {
    static let t0 = 1_796_378_400.123_456_7

    static func time(_ offset: Double) -> Date { Date(timeIntervalSince1970: t0 + offset) }

    static func frame(
        _ opcode: Opcode, _ payload: [UInt8], fin: Bool = true, rsv1: Bool = false, key: MaskingKey? = nil,
        encoding: PayloadLengthEncoding? = nil, inflated: [UInt8]? = nil
    ) -> InspectorRecord.Kind {
        let header = FrameHeader(
            fin: fin, rsv1: rsv1, opcode: opcode, maskingKey: key, payloadLength: UInt64(payload.count), lengthEncoding: encoding)
        return .frame(Frame(header: header, payload: payload, inflatedPayload: inflated), inflated: inflated)
    }

    static let request = Array(
        "GET /chat?room=1 HTTP/1.1\r\nHost: 127.0.0.1:8765\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
            .utf8)
    static let response = Array(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n"
            .utf8)

    /// A session of two connections (a reconnect between), with every kind of record the log holds.
    static func session() -> [InspectorRecord] {
        let key = MaskingKey(0x37, 0xFA, 0x21, 0x3D)
        var kinds: [(Double, Direction, InspectorRecord.Kind)] = [
            (0, .local, .note("connecting to ws://127.0.0.1:8765/chat?room=1", isError: false)),
            (0.001, .sent, .handshakeRequest(request)),
            (0.002, .received, .handshakeResponse(response)),
            (0.003, .local, .note("connected · extensions permessage-deflate", isError: false)),
            (0.010, .sent, frame(.text, Array("héllo \u{1B}[2J".utf8), key: key)),
            (0.020, .received, frame(.text, Array("Hel".utf8), fin: false)),
            (0.021, .received, frame(.ping, Array("are you there".utf8))),
            (0.022, .sent, frame(.pong, Array("are you there".utf8), key: key)),
            (0.030, .received, frame(.continuation, Array("lo".utf8))),
            (0.040, .received, frame(.binary, [0xF2, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00], rsv1: true, inflated: Array("Hello".utf8))),
            (0.050, .received, frame(.binary, (0..<200).map { UInt8(truncatingIfNeeded: $0) })),
            (0.051, .sent, frame(.binary, [1, 2, 3], key: key, encoding: .sixtyFourBit)),
            (0.060, .sent, frame(.close, [0x03, 0xE8] + Array("bye".utf8), key: key)),
            (0.061, .received, frame(.close, [0x03, 0xE8])),
            (0.062, .local, .note("closed: we sent 1000 · server answered 1000 (clean)", isError: false)),
            (1.000, .local, .note("── connection 2 · 10:00:01 · on request ──", isError: false)),
            (1.001, .local, .note("connecting to ws://127.0.0.1:8765/chat?room=1", isError: false)),
            (1.002, .sent, .handshakeRequest(request)),
            (1.003, .received, .handshakeResponse(response)),
            (1.010, .sent, frame(.text, Array("second".utf8), key: key)),
            (1.020, .received, frame(.text, [])),
            (1.030, .local, .note("read error: connection reset", isError: true)),
        ]
        kinds.append((1.040, .received, frame(.binary, Array(repeating: 0x41, count: 5000))))
        var records = kinds.enumerated().map { index, item in
            InspectorRecord(id: UInt64(index + 1), time: time(item.0), direction: item.1, kind: item.2)
        }
        // The last one as the log keeps it past --max-record-bytes: its first bytes, its length and hash.
        records[records.count - 1] = records[records.count - 1].trimmed(to: 64)
        return records
    }

    static func text(_ records: [InspectorRecord]) -> String { records.map { JSONLinesRecord.line(for: $0) }.joined() }

    static func read(_ text: String, file: String = "s.jsonl") throws -> JSONLinesReader.Result {
        try JSONLinesReader.parse(Data(text.utf8), file: file)
    }

    @Test func everyRecordComesBackAsItWasWritten() throws {
        let records = Self.session()
        #expect(records.last?.trim?.payload?.fullCount == 5000)
        let read = try Self.read(Self.text(records))
        #expect(!read.renumbered)
        #expect(read.records.count == records.count)
        for (got, want) in zip(read.records, records) {
            #expect(got == want, "record \(want.id)")
            #expect(got.wireBytes == want.wireBytes, "record \(want.id): wire")
            #expect(JSONLinesRecord.line(for: got) == JSONLinesRecord.line(for: want))
        }
    }

    @Test func blankLinesAndCRLFArePassedOverAndAppendedSessionsRenumbered() throws {
        let records = Array(Self.session().prefix(3))
        let text = Self.text(records).replacingOccurrences(of: "\n", with: "\r\n") + "\n  \n" + Self.text(records)
        let read = try Self.read(text)
        #expect(read.renumbered)
        #expect(read.records.map(\.id) == [1, 2, 3, 4, 5, 6])
        #expect(read.records.map(\.kind) == (records + records).map(\.kind))
    }

    @Test func aLineWithoutIdOrUnixTimeUsesItsPlaceAndItsISOTime() throws {
        let read = try Self.read(#"{"time":"2026-12-04T10:00:01.250Z","direction":"local","type":"note","text":"hi"}"#)
        #expect(read.records.first?.id == 1)
        #expect(read.records.first?.time.timeIntervalSince1970 == 1_796_378_401.25)
        #expect(read.records.first?.kind == .note("hi", isError: false))
    }

    static let good =
        #"{"id":1,"unixTime":1796378400.5,"direction":"sent","type":"frame","opcode":1,"fin":true,"masked":false,"length":2,"payload":"aGk="}"#

    @Test(arguments: [
        ("{\"id\":1", "s.jsonl: line 2: not valid JSON at column 8: the text ends inside an object (cut off?)"),
        ("[1]", "s.jsonl: line 2: not a JSON object (is this a JSON Lines record file?)"),
        (good + " x", "s.jsonl: line 2: not valid JSON at column 133: text after the object (one record per line)"),
        (good.replacingOccurrences(of: "aGk=", with: "a!k="), "s.jsonl: line 2: payload: not valid base64"),
        (good.replacingOccurrences(of: "\"length\":2", with: "\"length\":3"), "s.jsonl: line 2: payload: 2 bytes, but length says 3"),
        (good.replacingOccurrences(of: "\"sent\"", with: "\"up\""), "s.jsonl: line 2: direction: \"up\" is not sent, received or local"),
        (
            good.replacingOccurrences(of: "\"sent\"", with: "\"local\""),
            "s.jsonl: line 2: direction: a frame is sent or received, not local"
        ),
        (
            good.replacingOccurrences(of: "\"opcode\":1", with: "\"opcode\":16"),
            "s.jsonl: line 2: opcode: 16.0 is not a WebSocket opcode (0–15)"
        ),
        (
            good.replacingOccurrences(of: "\"masked\":false", with: "\"masked\":true"),
            "s.jsonl: line 2: maskKey: missing (the frame is masked)"
        ),
        (good.replacingOccurrences(of: "\"fin\":true", with: "\"fin\":1"), "s.jsonl: line 2: fin: not true or false"),
        (
            good.replacingOccurrences(of: "1796378400.5", with: "1e300"),
            "s.jsonl: line 2: unixTime: 1e+300 is not a time in seconds since 1970 (years 1 to 9999)"
        ),
        (
            good.replacingOccurrences(of: "\"type\":\"frame\"", with: "\"type\":\"frames\""),
            "s.jsonl: line 2: type: \"frames\" is not frame, handshake-request, handshake-response or note"
        ),
        (
            good.replacingOccurrences(of: "\"length\":2,", with: "\"length\":200,\"lengthEncoding\":\"7-bit\","),
            "s.jsonl: line 2: lengthEncoding: 7-bit cannot hold a length of 200"
        ),
        (#"{"id":2,"unixTime":1,"direction":"local","type":"note"}"#, "s.jsonl: line 2: text: missing"),
        (#"{"id":2,"unixTime":1,"direction":"sent","type":"handshake-request"}"#, "s.jsonl: line 2: wire: missing"),
        (
            good.replacingOccurrences(of: "}", with: #","cut":{"payload":{"length":9,"kept":2,"fnv1a64":"xyz"}}}"#),
            "s.jsonl: line 2: cut.payload.fnv1a64: \"xyz\" is not 16 hex digits"
        ),
    ])
    func aBadLineNamesTheFileTheLineAndTheField(_ line: String, _ expected: String) {
        let text = Self.good + "\n" + line + "\n"
        do throws(CaptureError) {
            _ = try JSONLinesReader.parse(Data(text.utf8), file: "s.jsonl")
            Issue.record("accepted: \(line)")
        } catch {
            #expect(error.description == expected)
        }
    }

    // MARK: - Records as a capture

    @Test func aSessionIsOneConnectionPerUpgradeWithWholeMessages() throws {
        let built = RecordCapture.capture(from: Self.session(), fallbackURL: "ws://fallback/")
        let connections = built.capture.connections
        #expect(connections.count == 2)
        #expect(connections.map(\.url) == ["ws://127.0.0.1:8765/chat?room=1", "ws://127.0.0.1:8765/chat?room=1"])
        let first = connections[0]
        #expect(first.status == 101 && first.statusText == "Switching Protocols" && first.httpVersion == "HTTP/1.1")
        #expect(first.requestHeaders.first == CapturedHeader(name: "Host", value: "127.0.0.1:8765"))
        #expect(first.responseHeaders.count == 4)
        #expect(first.startedAt == Self.time(0.001))
        #expect(first.messages.map(\.opcode) == [1, 9, 10, 1, 2, 2, 2, 8, 8])
        // The fragments joined, stamped when the last one came; the compressed message as it inflated.
        #expect(first.messages[3].payload == Array("Hello".utf8) && first.messages[3].time == Self.time(0.030))
        #expect(first.messages[4].payload == Array("Hello".utf8))
        #expect(first.close == CapturedClose(code: 1000, reason: "bye", time: Self.time(0.060)))
        #expect(connections[1].messages.map(\.payload) == [Array("second".utf8), [], Array(repeating: 0x41, count: 64)])
        #expect(built.cutMessages == 1 && built.unfinishedMessages == 0 && !built.startsMidConnection)
        #expect(RecordCapture.summary(of: Self.session()) == (connections: 2, messages: 8))
    }

    @Test func aProxysConnectIsNoConnectionAndALogThatLostItsStartUsesTheFallback() throws {
        let key = MaskingKey(1, 2, 3, 4)
        let kinds: [(Direction, InspectorRecord.Kind)] = [
            (.sent, Self.frame(.text, Array("orphan".utf8), key: key)),
            (.local, .note("connecting to wss://example.test/ws", isError: false)),
            (.sent, .handshakeRequest(Array("CONNECT example.test:443 HTTP/1.1\r\nHost: example.test:443\r\n\r\n".utf8))),
            (.received, .handshakeResponse(Array("HTTP/1.1 200 Connection established\r\n\r\n".utf8))),
            (.sent, .handshakeRequest(Array("GET /ws HTTP/1.1\r\nHost: example.test\r\n\r\n".utf8))),
            (.received, .handshakeResponse(Array("HTTP/1.1 403 Forbidden\r\n\r\n".utf8))),
            (.sent, .handshakeRequest(Array("GET /other HTTP/1.1\r\nHost: h.test:81\r\n\r\n".utf8))),
        ]
        let records = kinds.enumerated().map {
            InspectorRecord(id: UInt64($0 + 1), time: Self.time(Double($0)), direction: $1.0, kind: $1.1)
        }
        let built = RecordCapture.capture(from: records, fallbackURL: "http://status.test/now")
        #expect(built.startsMidConnection)
        #expect(built.capture.connections.map(\.url) == ["ws://status.test/now", "wss://example.test/ws", "ws://h.test:81/other"])
        #expect(built.capture.connections.map(\.status) == [101, 403, 0])
    }

    @Test func onlyWhatTheFilterShowsIsKeptAndAShownFragmentKeepsItsMessage() {
        let records = Self.session()
        // Shown: the second fragment of "Hello" and the "second" message, as a filter on "lo|second" would.
        let shown: Set<UInt64> = [9, 20]
        let built = RecordCapture.capture(from: records, fallbackURL: "ws://x/", shown: { shown.contains($0.id) })
        #expect(built.capture.connections.map { $0.messages.map(\.payload) } == [[Array("Hello".utf8)], [Array("second".utf8)]])
        let none = RecordCapture.capture(from: records, fallbackURL: "ws://x/", shown: { $0.id == 20 })
        #expect(none.capture.connections.count == 1)
    }

    /// JSON Lines → HAR → JSON Lines: every field a HAR can hold comes back; what it cannot (ids, notes, masks,
    /// fragmentation, RSV bits, compressed bytes, exact wire and handshake bytes, cuts) is what docs/INSPECTOR.md
    /// lists.
    @Test func jsonLinesThroughHARKeepEveryFieldAHARCanHold() throws {
        let original = try Self.read(Self.text(Self.session())).records
        let first = RecordCapture.capture(from: original, fallbackURL: "ws://x/").capture
        let har = HARWriter.har(first, creator: ("test", "1"), includeControlFrames: true)
        let back = try HARReader.parse(Data(har.utf8), file: "t.har").capture
        let lines = Self.text(CaptureRecords.records(back))
        let again = RecordCapture.capture(from: try Self.read(lines).records, fallbackURL: "ws://y/").capture
        #expect(again.connections.count == first.connections.count)
        for (got, want) in zip(again.connections, first.connections) {
            #expect(got.url == want.url && got.httpVersion == want.httpVersion)
            #expect(got.requestHeaders == want.requestHeaders && got.responseHeaders == want.responseHeaders)
            #expect(got.status == want.status && got.statusText == want.statusText)
            #expect(abs(got.startedAt.timeIntervalSince(want.startedAt)) < 0.001)
            #expect(got.messages.count == want.messages.count)
            for (m, n) in zip(got.messages, want.messages) {
                #expect(m.direction == n.direction && m.opcode == n.opcode && m.payload == n.payload)
                #expect(abs(m.time.timeIntervalSince(n.time)) < 0.000_001)
            }
            #expect(got.close?.code == want.close?.code && got.close?.reason == want.close?.reason)
            #expect(abs((got.close?.time ?? .distantPast).timeIntervalSince(want.close?.time ?? .distantPast)) < 0.000_001)
        }
        // The rebuilt upgrade request reads as the original did.
        let request = try #require(CaptureRecords.records(back).first { if case .handshakeRequest = $0.kind { true } else { false } })
        if case .handshakeRequest(let bytes) = request.kind { #expect(bytes == Self.request) }
    }
}
