import Testing
import WebSocketCore

// Helpers for driving WebSocketConnection: peer frames are built with the test's own wireFrame, and what the
// connection sends is decoded with the test's own decodeWireFrame, so neither side leans on the code under test.

/// A client-role connection with the given limits.
func clientConnection(
    maxPayloadSize: UInt64 = 128 << 20, maxFragments: Int = 131_072, capturesWireBytes: Bool = false
) -> WebSocketConnection {
    WebSocketConnection(
        configuration: ConnectionConfiguration(
            role: .client, maxPayloadSize: maxPayloadSize, maxFragments: maxFragments, capturesWireBytes: capturesWireBytes))
}

/// A frame from a server (unmasked, RFC 6455 §5.1).
func serverFrame(_ opcode: UInt8, _ payload: [UInt8], fin: Bool = true) -> [UInt8] {
    wireFrame(fin: fin, opcode: opcode, payload: payload)
}

/// A server text frame.
func serverText(_ text: String, fin: Bool = true) -> [UInt8] { serverFrame(0x1, Array(text.utf8), fin: fin) }

/// A server Close frame with a code and reason.
func serverClose(_ code: UInt16, _ reason: String = "") -> [UInt8] {
    serverFrame(0x8, [UInt8(code >> 8), UInt8(code & 0xFF)] + Array(reason.utf8))
}

extension WebSocketConnection {
    /// Takes the queued frames and decodes their wire form by hand.
    mutating func sentFrames(sourceLocation: SourceLocation = #_sourceLocation) -> [DecodedWireFrame] {
        takeOutbound().compactMap { frame in
            let decoded = decodeWireFrame(frame.encoded())
            #expect(decoded != nil, "an outbound frame is not one well-formed frame", sourceLocation: sourceLocation)
            return decoded
        }
    }
}

/// The close code of the first `.failed` event, if any.
func failureCode(_ events: [ConnectionEvent]) -> UInt16? {
    for case .failed(let violation) in events { return violation.closeCode }
    return nil
}

/// The status code carried by a decoded Close frame's payload, or nil for an empty payload.
func closeCode(of frame: DecodedWireFrame) -> UInt16? {
    frame.payload.count >= 2 ? UInt16(frame.payload[0]) << 8 | UInt16(frame.payload[1]) : nil
}

/// Checks that the connection failed with `code` and queued exactly one masked Close frame carrying it.
func expectFailed(
    _ connection: inout WebSocketConnection, _ events: [ConnectionEvent], code: UInt16,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(failureCode(events) == code, "events: \(events)", sourceLocation: sourceLocation)
    #expect(connection.failure?.closeCode == code, sourceLocation: sourceLocation)
    #expect(connection.failure.map { WebSocketConnection.State.failed($0) } == connection.state, sourceLocation: sourceLocation)
    #expect(
        !events.contains { if case .message = $0 { return true } else { return false } },
        "no message may be delivered from a failed exchange", sourceLocation: sourceLocation)
    let sent = connection.sentFrames(sourceLocation: sourceLocation)
    #expect(sent.count == 1, "expected one Close frame, got \(sent)", sourceLocation: sourceLocation)
    if let close = sent.first {
        #expect(close.opcode == 0x8 && close.fin, sourceLocation: sourceLocation)
        #expect(close.key != nil, "a client masks every frame (RFC 6455 §5.3)", sourceLocation: sourceLocation)
        #expect(closeCode(of: close) == code, sourceLocation: sourceLocation)
        // RFC 6455 §5.5: at most 125 bytes, and the reason is UTF-8.
        #expect(close.payload.count <= 125, sourceLocation: sourceLocation)
        #expect(String(validating: close.payload.dropFirst(2), as: UTF8.self) != nil, sourceLocation: sourceLocation)
    }
}
