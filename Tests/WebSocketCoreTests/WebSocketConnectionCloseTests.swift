import Testing
import WebSocketCore

/// The closing handshake (RFC 6455 §5.5.1, §7.1.2–§7.1.5, §7.4) from the client's side.
@Suite struct WebSocketConnectionCloseTests {
    @Test("a peer Close 1000 with a reason is reported and echoed with the same code")
    func peerCloseWithReason() throws {
        var connection = clientConnection()
        #expect(connection.receive(serverClose(1000, "bye")) == [.closeReceived(code: 1000, reason: "bye")])
        #expect(connection.closeReceived)
        #expect(connection.closeSent)
        #expect(connection.state == .closed)
        let sent = connection.sentFrames()
        let echo = try #require(sent.first)
        #expect(sent.count == 1)
        #expect(echo.opcode == 0x8 && echo.fin)
        #expect(echo.key != nil)
        #expect(closeCode(of: echo) == 1000)
    }

    @Test(
        "valid codes are accepted and echoed", arguments: [UInt16(1000), 1001, 1002, 1003, 1007, 1011, 1012, 1014, 3000, 3999, 4000, 4999])
    func validCodes(code: UInt16) throws {
        var connection = clientConnection()
        #expect(connection.receive(serverClose(code, "r")) == [.closeReceived(code: code, reason: "r")])
        #expect(closeCode(of: try #require(connection.sentFrames().first)) == code)
    }

    @Test("a multi-byte UTF-8 reason of the full 123 bytes is accepted")
    func longReason() {
        let reason = String(repeating: "é", count: 61) + "x"  // 61 × 2 + 1 = 123 bytes
        var connection = clientConnection()
        #expect(connection.receive(serverClose(4000, reason)) == [.closeReceived(code: 4000, reason: reason)])
    }

    @Test("an empty Close is reported without a code and answered with an empty Close")
    func emptyClose() throws {
        var connection = clientConnection()
        #expect(connection.receive(serverFrame(0x8, [])) == [.closeReceived(code: nil, reason: "")])
        let sent = connection.sentFrames()
        let echo = try #require(sent.first)
        #expect(sent.count == 1)
        #expect(echo.opcode == 0x8)
        #expect(echo.payload.isEmpty)
        #expect(echo.key != nil)
    }

    @Test("nothing after the peer's Close is processed")
    func afterPeerClose() {
        var connection = clientConnection()
        _ = connection.receive(serverClose(1000))
        _ = connection.takeOutbound()
        #expect(connection.receive(serverText("late") + serverFrame(0x9, [])).isEmpty)
        #expect(!connection.hasOutbound)
    }

    @Test("our close() queues a masked Close with code and reason, and waits for the peer's")
    func ourClose() throws {
        var connection = clientConnection()
        #expect(connection.close(code: 1000, reason: "done") == true)
        #expect(connection.state == .closeSent)
        let sent = connection.sentFrames()
        let close = try #require(sent.first)
        #expect(sent.count == 1)
        #expect(close.opcode == 0x8 && close.key != nil)
        #expect(close.payload == [0x03, 0xE8] + Array("done".utf8))

        // The peer's answer completes the handshake; no second Close is sent.
        #expect(connection.receive(serverClose(1000)) == [.closeReceived(code: 1000, reason: "")])
        #expect(connection.state == .closed)
        #expect(!connection.hasOutbound)
    }

    @Test("close() without a code sends an empty Close")
    func ourCloseWithoutCode() throws {
        var connection = clientConnection()
        #expect(connection.close() == true)
        #expect(try #require(connection.sentFrames().first).payload.isEmpty)
    }

    @Test("messages that arrive after our close() are dropped, but the closing handshake completes")
    func messagesAfterOurClose() {
        var connection = clientConnection()
        connection.close(code: 1000)
        _ = connection.takeOutbound()
        var events = connection.receive(serverText("late"))
        events += connection.receive(serverFrame(0x2, [1], fin: false) + serverFrame(0x0, [2]))
        #expect(events.isEmpty, "got \(events)")
        #expect(connection.failure == nil)
        #expect(connection.receive(serverClose(1000, "ok")) == [.closeReceived(code: 1000, reason: "ok")])
        #expect(connection.state == .closed)
        #expect(!connection.hasOutbound)
    }

    @Test("after close(), sending data or pings and closing again all return false")
    func sendAfterClose() {
        var connection = clientConnection()
        #expect(connection.close(code: 1000) == true)
        _ = connection.takeOutbound()
        #expect(connection.sendText("x") == false)
        #expect(connection.sendBinary([1]) == false)
        #expect(connection.sendPing() == false)
        #expect(connection.send(.binary, payload: [1]) == false)
        #expect(connection.headerForSending(.text, payloadLength: 1) == nil)
        #expect(connection.close(code: 1000) == false)
        #expect(!connection.hasOutbound)
    }

    @Test("after the peer's Close, sending returns false")
    func sendAfterPeerClose() {
        var connection = clientConnection()
        _ = connection.receive(serverClose(1001))
        _ = connection.takeOutbound()
        #expect(connection.sendText("x") == false)
        #expect(connection.sendBinary([1]) == false)
        #expect(connection.close() == false)
        #expect(!connection.hasOutbound)
    }

    @Test("a long close reason is cut to 123 bytes on a character boundary")
    func closePayloadTruncation() {
        // 200 × "é" is 400 bytes; 123 would split the 62nd "é", so 61 characters (122 bytes) remain.
        let payload = WebSocketConnection.closePayload(code: 4001, reason: String(repeating: "é", count: 200))
        #expect(payload.count == 2 + 122)
        #expect(Array(payload.prefix(2)) == [0x0F, 0xA1])
        #expect(Array(payload.dropFirst(2)) == Array(String(repeating: "é", count: 61).utf8))
        // ASCII is cut at exactly 123.
        #expect(WebSocketConnection.closePayload(code: 1000, reason: String(repeating: "a", count: 300)).count == 125)
    }
}
