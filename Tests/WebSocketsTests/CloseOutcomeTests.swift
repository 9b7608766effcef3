import Testing

@testable import WebSockets

/// Every way a connection ends, as a table: what happened → the `close` event and the `error` before it.
@Suite struct CloseOutcomeTests {
    private static let place = "127.0.0.1:9"
    private static let violation = WebSocketError(.protocolViolation, "protocol error: reserved opcode 3", closeCode: 1002)

    struct Row: CustomTestStringConvertible, Sendable {
        var name: String
        var stage: CloseOutcome.Facts.Stage
        var failure: WebSocketError?
        var handshakeDone: Bool
        var received: (code: UInt16?, reason: String)?
        var lostSends = false
        var wasClean: Bool
        var code: UInt16
        var reason: String
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(
            name: "clean close with the server's code and reason", stage: .open, handshakeDone: true,
            received: (1000, "bye"), wasClean: true, code: 1000, reason: "bye"),
        Row(
            name: "clean close without a status code", stage: .open, handshakeDone: true,
            received: (nil, ""), wasClean: true, code: 1005, reason: ""),
        Row(
            name: "TCP ends while open, no Close frame", stage: .open, handshakeDone: false,
            wasClean: false, code: 1006, reason: "connection to 127.0.0.1:9 closed without a Close frame"),
        Row(
            name: "TCP ends during the opening handshake", stage: .handshaking, handshakeDone: false,
            wasClean: false, code: 1006, reason: "connection to 127.0.0.1:9 closed during the opening handshake"),
        Row(
            name: "TCP ends before the handshake started", stage: .beforeHandshake, handshakeDone: false,
            wasClean: false, code: 1006, reason: "connection to 127.0.0.1:9 closed during the opening handshake"),
        Row(
            name: "a protocol violation keeps its code", stage: .open, failure: violation, handshakeDone: false,
            received: nil, wasClean: false, code: 1002, reason: "protocol error: reserved opcode 3"),
        Row(
            name: "a failure wins over a complete closing handshake", stage: .open, failure: violation,
            handshakeDone: true, received: (1000, ""), wasClean: false, code: 1002,
            reason: "protocol error: reserved opcode 3"),
        Row(
            name: "lost sends make a clean close unclean", stage: .open, handshakeDone: true, received: (1000, ""),
            lostSends: true, wasClean: false, code: 1006,
            reason: "connection to 127.0.0.1:9 closed, but data the application sent never reached the socket"),
        Row(
            name: "lost sends are added to a failure", stage: .open, failure: violation, handshakeDone: false,
            lostSends: true, wasClean: false, code: 1002,
            reason: "protocol error: reserved opcode 3; data the application sent never reached the socket"),
    ]

    @Test("the close event and the error for each ending", arguments: rows)
    func outcome(_ row: Row) {
        let facts = CloseOutcome.Facts(
            stage: row.stage, failure: row.failure, closingHandshakeDone: row.handshakeDone,
            receivedClose: row.received, lostSends: row.lostSends, place: Self.place)
        let outcome = CloseOutcome.decide(facts)
        #expect(outcome.close == CloseEvent(wasClean: row.wasClean, code: row.code, reason: row.reason))
        #expect((outcome.error == nil) == row.wasClean)
        #expect(outcome.error?.message == (row.wasClean ? nil : row.reason))
    }

    @Test("only a connection lost during the handshake is offered to the TLS explanation")
    func tlsExplanationOnlyDuringHandshake() {
        for stage in [CloseOutcome.Facts.Stage.beforeHandshake, .handshaking, .open] {
            let facts = CloseOutcome.Facts(
                stage: stage, failure: nil, closingHandshakeDone: false, receivedClose: nil, lostSends: false, place: Self.place)
            let outcome = CloseOutcome.decide(facts) { _ in WebSocketError(.tls, "TLS: explained") }
            #expect((outcome.error?.message == "TLS: explained") == (stage == .handshaking), "\(stage)")
        }
    }
}
