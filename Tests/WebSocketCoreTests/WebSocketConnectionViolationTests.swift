import Testing
import WebSocketCore

/// Every way a server can break the rules, and the close code the client must fail with (RFC 6455 §7.4.1):
/// the connection reports `.failed`, queues one Close with that code, and ignores anything after.
@Suite struct WebSocketConnectionViolationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var code: UInt16
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "Close with a 1-byte payload", bytes: serverFrame(0x8, [0x03]), code: 1002),
        Case(name: "Close code 1005 (local only)", bytes: serverClose(1005), code: 1002),
        Case(name: "Close code 1006 (local only)", bytes: serverClose(1006), code: 1002),
        Case(name: "Close code 1004 (reserved)", bytes: serverClose(1004), code: 1002),
        Case(name: "Close code 1015 (local only)", bytes: serverClose(1015), code: 1002),
        Case(name: "Close code 999", bytes: serverClose(999), code: 1002),
        Case(name: "Close code 0", bytes: serverClose(0), code: 1002),
        Case(name: "Close code 1016", bytes: serverClose(1016), code: 1002),
        Case(name: "Close code 2999", bytes: serverClose(2999), code: 1002),
        Case(name: "Close code 5000", bytes: serverClose(5000), code: 1002),
        Case(name: "Close code 65535", bytes: serverClose(65535), code: 1002),
        Case(name: "Close reason not UTF-8", bytes: serverFrame(0x8, [0x03, 0xE8, 0xCE, 0xBA, 0xED, 0xA0, 0x80]), code: 1007),
        Case(name: "Close reason cut mid-character", bytes: serverFrame(0x8, [0x03, 0xE8, 0xCE]), code: 1007),
        Case(name: "continuation without a message", bytes: serverFrame(0x0, Array("x".utf8)), code: 1002),
        Case(name: "final continuation without a message", bytes: serverFrame(0x0, []), code: 1002),
        Case(
            name: "text while a text message is unfinished",
            bytes: serverText("a", fin: false) + serverText("b"), code: 1002),
        Case(
            name: "binary while a text message is unfinished",
            bytes: serverText("a", fin: false) + serverFrame(0x2, [1]), code: 1002),
        Case(
            name: "text while a binary message is unfinished",
            bytes: serverFrame(0x2, [1], fin: false) + serverText("b", fin: false), code: 1002),
        Case(
            name: "invalid UTF-8 text (Autobahn 6.3.1)",
            bytes: serverFrame(0x1, AutobahnUTF8Vectors.kosme + [0xED, 0xA0, 0x80] + AutobahnUTF8Vectors.edited),
            code: 1007),
        Case(
            name: "invalid UTF-8 in a later fragment (Autobahn 6.4.1)",
            bytes: serverFrame(0x1, AutobahnUTF8Vectors.kosme, fin: false) + serverFrame(0x0, [0xF4, 0x90, 0x80, 0x80], fin: false)
                + serverFrame(0x0, AutobahnUTF8Vectors.edited), code: 1007),
        Case(name: "text ending inside a character", bytes: serverFrame(0x1, [0x61, 0xE2, 0x82]), code: 1007),
        Case(
            name: "fragmented text ending inside a character",
            bytes: serverFrame(0x1, [0x61], fin: false) + serverFrame(0x0, [0xF0, 0x9F, 0x98]), code: 1007),
        // Framing violations surface through the connection with the parser's codes.
        Case(name: "reserved opcode 0x3", bytes: [0x83, 0x00], code: 1002),
        Case(name: "RSV1 without extension", bytes: [0xC1, 0x01, 0x61], code: 1002),
        Case(name: "masked frame from the server", bytes: wireFrame(opcode: 0x1, key: [1, 2, 3, 4], payload: [0x61]), code: 1002),
        Case(name: "fragmented ping", bytes: serverFrame(0x9, [], fin: false), code: 1002),
        Case(name: "ping of 126 bytes", bytes: serverFrame(0x9, [UInt8](repeating: 0, count: 126)), code: 1002),
        Case(name: "non-minimal length", bytes: [0x82, 0x7E, 0x00, 0x01, 0xAA], code: 1002),
    ]

    @Test("violations fail the connection with their code", arguments: cases)
    func violation(_ testCase: Case) {
        var connection = clientConnection()
        let events = connection.receive(testCase.bytes)
        expectFailed(&connection, events, code: testCase.code)
        // Nothing is read after a failure, and nothing more is sent.
        #expect(connection.receive(serverText("after") + serverFrame(0x9, [])).isEmpty)
        #expect(!connection.hasOutbound)
        #expect(connection.sendText("x") == false)
    }

    @Test("the same violations are found when the bytes arrive one at a time", arguments: cases)
    func violationBytewise(_ testCase: Case) {
        var connection = clientConnection()
        var events: [ConnectionEvent] = []
        for byte in testCase.bytes { events += connection.receive([byte]) }
        expectFailed(&connection, events, code: testCase.code)
    }

    @Test("a message over maxPayloadSize across several fragments fails with 1009")
    func tooBigOverFragments() {
        var connection = clientConnection(maxPayloadSize: 10)
        var events = connection.receive(serverFrame(0x2, [UInt8](repeating: 1, count: 4), fin: false))
        events += connection.receive(serverFrame(0x0, [UInt8](repeating: 2, count: 4), fin: false))
        #expect(events.isEmpty, "8 of 10 bytes is within the limit")
        events += connection.receive(serverFrame(0x0, [UInt8](repeating: 3, count: 3), fin: true))
        expectFailed(&connection, events, code: 1009)
    }

    @Test("a message of exactly maxPayloadSize over fragments is delivered")
    func atLimitOverFragments() {
        var connection = clientConnection(maxPayloadSize: 10)
        let events = connection.receive(
            serverText("hello", fin: false) + serverFrame(0x0, Array("world".utf8)))
        #expect(events == [.message(.text("helloworld"))])
    }

    @Test("a fragment that would exceed maxPayloadSize fails from its header, before its payload")
    func tooBigFromHeader() {
        var connection = clientConnection(maxPayloadSize: 10)
        #expect(connection.receive(serverFrame(0x2, [UInt8](repeating: 1, count: 8), fin: false)).isEmpty)
        // The next fragment declares 5 bytes (8 + 5 > 10); only its 2-byte header is fed.
        let events = connection.receive([0x80, 0x05])
        expectFailed(&connection, events, code: 1009)
    }

    @Test("a single frame over maxPayloadSize fails with 1009")
    func tooBigSingleFrame() {
        var connection = clientConnection(maxPayloadSize: 10)
        let events = connection.receive([0x82, 0x0B])  // header only: 11 bytes declared
        expectFailed(&connection, events, code: 1009)
    }

    @Test("more than maxFragments fragments fails with 1008; exactly maxFragments is fine")
    func tooManyFragments() {
        func fragments(_ count: Int) -> [UInt8] {
            (0..<count).flatMap { index in serverFrame(index == 0 ? 0x2 : 0x0, [UInt8(index)], fin: index == count - 1) }
        }
        var ok = clientConnection(maxFragments: 3)
        #expect(ok.receive(fragments(3)) == [.message(.binary([0, 1, 2]))])

        var connection = clientConnection(maxFragments: 3)
        let events = connection.receive(fragments(4))
        expectFailed(&connection, events, code: 1008)
    }

    @Test("a failure while our own Close is outstanding queues no second Close")
    func failureAfterOurClose() {
        var connection = clientConnection()
        connection.close(code: 1000)
        _ = connection.takeOutbound()
        let events = connection.receive([0x83, 0x00])
        #expect(failureCode(events) == 1002)
        #expect(connection.state == .failed(.protocolError("reserved opcode 0x3")))
        #expect(!connection.hasOutbound)
    }
}
