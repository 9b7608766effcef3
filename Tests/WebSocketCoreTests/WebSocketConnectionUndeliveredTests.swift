import Testing
import WebSocketCore

/// `deliversMessages = false`: the tap-only mode. Messages are checked exactly as before but not built.
@Suite struct WebSocketConnectionUndeliveredTests {
    private func isMessage(_ event: ConnectionEvent) -> Bool {
        if case .message = event { return true }
        return false
    }

    @Test("frames are still reported with their wire bytes, but no message event is built")
    func framesWithoutMessages() {
        var connection = clientConnection(capturesWireBytes: true)
        connection.deliversMessages = false
        let first = serverText("Hel", fin: false)
        let second = serverFrame(0x0, Array("lo".utf8))
        let binary = serverFrame(0x2, [1, 2, 3])
        let events = connection.receive(first + second + binary)
        #expect(!events.contains(where: isMessage), "events: \(events)")
        let wires = events.compactMap { event -> [UInt8]? in
            if case .frameReceived(let frame) = event { return frame.wireBytes }
            return nil
        }
        #expect(wires == [first, second, binary])
        #expect(connection.failure == nil)
    }

    @Test("invalid UTF-8 in a later fragment still fails with 1007")
    func utf8StillChecked() {
        var connection = clientConnection()
        connection.deliversMessages = false
        #expect(connection.receive(serverFrame(0x1, Array("ok ".utf8), fin: false)).isEmpty)
        let events = connection.receive(serverFrame(0x0, [0xED, 0xA0, 0x80]))
        expectFailed(&connection, events, code: 1007)
    }

    @Test("the message size limit still fails with 1009 across fragments")
    func sizeStillChecked() {
        var connection = clientConnection(maxPayloadSize: 10)
        connection.deliversMessages = false
        #expect(connection.receive(serverFrame(0x2, [UInt8](repeating: 1, count: 6), fin: false)).isEmpty)
        let events = connection.receive(serverFrame(0x0, [UInt8](repeating: 2, count: 6)))
        expectFailed(&connection, events, code: 1009)
    }

    @Test("switching delivery on mid-message applies from the next message, never to a message missing fragments")
    func switchOnMidMessage() {
        var connection = clientConnection()
        connection.deliversMessages = false
        #expect(connection.receive(serverText("par", fin: false)).isEmpty)
        connection.deliversMessages = true
        let events = connection.receive(serverFrame(0x0, Array("tial".utf8)) + serverText("next"))
        #expect(events == [.message(.text("next"))])
    }
}
