import Testing
import WebSocketCore

@Suite("raw and malformed frames")
struct RawFrameTests {
    @Test func rawWritesTheDecodedBytesThenEchoes() async throws {
        try await withServer { server in
            let client = try TestClient(port: server.port, target: "/raw?hex=8102%206869")
            #expect(try client.nextMessage() == .text("hi"))
            try client.send(text: "echo")
            #expect(try client.nextMessage() == .text("echo"))
        }
    }

    @Test(arguments: [
        ("reserved-opcode", CloseCode.protocolError), ("masked-frame", CloseCode.protocolError),
        ("rsv1", CloseCode.protocolError), ("fragmented-ping", CloseCode.protocolError),
        ("long-ping", CloseCode.protocolError), ("bad-utf8", CloseCode.invalidPayloadData),
        ("bad-close-code", CloseCode.protocolError), ("continuation-without-start", CloseCode.protocolError),
        ("huge-length", CloseCode.messageTooBig), ("nonminimal-length", CloseCode.protocolError),
    ])
    func frameFlawsAreRejectedByTheClientCore(kind: String, code: UInt16) async throws {
        try await withServer { server in
            let client = try TestClient(port: server.port, target: "/bad/\(kind)")
            let event = try client.nextEvent()
            guard case .failed(let violation) = event else {
                Issue.record("expected a failure for \(kind), got \(event)")
                return
            }
            #expect(violation.closeCode == code)
            // The client's Close went out; the server answers it and closes TCP.
            try client.waitForEndOfStream()
        }
    }
}
