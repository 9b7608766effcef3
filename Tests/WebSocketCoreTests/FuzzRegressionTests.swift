import Testing
import WebSocketCore

/// Inputs the fuzzers in `Fuzz/` found breaking a property, each kept as the smallest case that showed it.
@Suite struct FuzzRegressionTests {
    /// Found by `frame_parser`: once a 32 KiB+ frame's header was complete and its payload started going straight
    /// into the frame's own array, `bufferedByteCount` left out the header's bytes, so unread input looked consumed.
    @Test("bufferedByteCount counts the header of a large frame being collected")
    func bufferedCountIncludesLargeFrameHeader() throws {
        // Continuation without FIN, 16-bit length 0x8089 (over the 32 KiB direct threshold), 4 payload bytes.
        let bytes: [UInt8] = [0x00, 0x7E, 0x80, 0x89, 0x28, 0x00, 0x00, 0x6E]
        for lend in [false, true] {
            var parser = FrameParser(role: .client, capturesWireBytes: true)
            bytes.withUnsafeBytes { lend ? parser.lend($0) : parser.append($0) }
            #expect(try parser.next() == nil)
            if lend { parser.endLoan() }
            #expect(parser.bufferedByteCount == bytes.count, "lend: \(lend)")
        }
    }

    /// Found by `connection`: a fragment over `maxFragments` whose payload was also bad UTF-8 failed with 1008 when
    /// it arrived whole but 1007 when a read ended inside it, because the partial payload's UTF-8 was judged before
    /// the fragment count. The count is now checked first, on the header alone, however the bytes are split.
    @Test("a fragment over the limit fails with 1008 however it is split, even with bad UTF-8 in it")
    func fragmentLimitBeforePartialUTF8() {
        let stream =
            serverFrame(0x1, [], fin: false) + serverFrame(0x0, [], fin: false) + serverFrame(0x0, [], fin: false)
            + serverFrame(0x0, [0x81, 0x09], fin: false)
        for cut in 0...stream.count {
            var connection = clientConnection(maxFragments: 3)
            let events = connection.receive(stream[..<cut]) + connection.receive(stream[cut...])
            #expect(failureCode(events) == 1008, "cut at \(cut)")
        }
    }

    /// Found while fixing the case above: RSV1 on a continuation frame is a 1002 when the frame is whole, so a
    /// partial one must not be failed earlier for the UTF-8 of its payload.
    @Test("RSV1 on a continuation fails with 1002 however it is split, even with bad UTF-8 in it")
    func continuationRSV1BeforePartialUTF8() {
        let stream = serverFrame(0x1, [0x61], fin: false) + wireFrame(rsv: 0x4, opcode: 0x0, payload: [0x81, 0x09, 0x61])
        for cut in 0...stream.count {
            // With permessage-deflate, so that the parser lets RSV1 through to the connection's own rule.
            var connection = WebSocketConnection(configuration: ConnectionConfiguration(role: .client, deflate: NegotiatedDeflate()))
            let events = connection.receive(stream[..<cut]) + connection.receive(stream[cut...])
            #expect(failureCode(events) == 1002, "cut at \(cut)")
        }
    }
    /// Found by `connection` (CI, FUZZ_SEED=1): a continuation that takes a message past the size limit failed
    /// with "146 bytes so far" when it arrived whole and "at least 146 bytes" when a read ended inside it, so the
    /// same bytes gave two different close reasons. Both paths now word it the same.
    @Test("a message over the size limit fails with the same reason however it is split")
    func sizeLimitReasonIndependentOfSplit() {
        let stream =
            serverFrame(0x1, [], fin: false) + serverFrame(0x0, Array(repeating: 0x61, count: 81), fin: false)
            + serverFrame(0x0, Array(repeating: 0x61, count: 65), fin: false)
        var configuration = ConnectionConfiguration(role: .client)
        configuration.maxPayloadSize = 125
        var whole = WebSocketConnection(configuration: configuration)
        let expected = whole.receive(stream[...]).last
        #expect(failureCode([expected].compactMap { $0 }) == 1009)
        for cut in 0...stream.count {
            var connection = WebSocketConnection(configuration: configuration)
            let events = connection.receive(stream[..<cut]) + connection.receive(stream[cut...])
            #expect(events.last == expected, "cut at \(cut)")
        }
    }
}
