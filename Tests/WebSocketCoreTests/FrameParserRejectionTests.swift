import Testing
import WebSocketCore

/// Header rules of RFC 6455 §5.1–§5.5 and the size limit: each violating header must be refused with the right
/// close code as soon as the header is complete, with no payload byte supplied.
@Suite struct FrameParserRejectionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var role: Role = .client
        var permitsRSV1 = false
        var maxPayloadSize: UInt64 = 128 << 20
        var code: UInt16
        var testDescription: String { name }
    }

    private static let key: [UInt8] = [0x01, 0x02, 0x03, 0x04]

    static let cases: [Case] =
        // §5.2: opcodes 0x3–0x7 and 0xB–0xF are reserved.
        [0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF].map { (op: UInt8) in
            Case(name: "reserved opcode 0x\(String(op, radix: 16))", bytes: [0x80 | op, 0x00], code: 1002)
        } + [
            // §5.2: RSV bits must be 0 unless an extension defines them.
            Case(name: "RSV1 without extension", bytes: [0xC1, 0x00], code: 1002),
            Case(name: "RSV2", bytes: [0xA1, 0x00], code: 1002),
            Case(name: "RSV3", bytes: [0x91, 0x00], code: 1002),
            Case(name: "RSV2 even when RSV1 is permitted", bytes: [0xA1, 0x00], permitsRSV1: true, code: 1002),
            Case(name: "RSV3 even when RSV1 is permitted", bytes: [0x91, 0x00], permitsRSV1: true, code: 1002),
            // §5.5: control frames carry at most 125 bytes; the 16-bit form says 126 from the header alone.
            Case(name: "ping of 126 bytes", bytes: [0x89, 0x7E, 0x00, 0x7E], code: 1002),
            Case(name: "close of 65536 bytes", bytes: [0x88, 0x7F, 0, 0, 0, 0, 0, 1, 0, 0], code: 1002),
            Case(name: "pong of 126 bytes", bytes: [0x8A, 0x7E, 0x00, 0x7E], code: 1002),
            // §5.5: control frames must not be fragmented.
            Case(name: "ping without FIN", bytes: [0x09, 0x00], code: 1002),
            Case(name: "pong without FIN", bytes: [0x0A, 0x00], code: 1002),
            Case(name: "close without FIN", bytes: [0x08, 0x00], code: 1002),
            // §5.1: a server must not mask; a client must mask.
            Case(name: "masked frame to a client", bytes: [0x81, 0x80] + key, role: .client, code: 1002),
            Case(name: "unmasked frame to a server", bytes: [0x81, 0x00], role: .server, code: 1002),
            // §5.2: the most significant bit of the 64-bit length must be 0.
            Case(name: "64-bit length with MSB set", bytes: [0x82, 0x7F, 0x80, 0, 0, 0, 0, 0, 0, 0], code: 1002),
            Case(name: "64-bit length all ones", bytes: [0x82, 0x7F] + [UInt8](repeating: 0xFF, count: 8), code: 1002),
            // §5.2: "the minimal number of bytes MUST be used to encode the length".
            Case(name: "0 in 16 bits", bytes: [0x82, 0x7E, 0x00, 0x00], code: 1002),
            Case(name: "125 in 16 bits", bytes: [0x82, 0x7E, 0x00, 0x7D], code: 1002),
            Case(name: "125 in 64 bits", bytes: [0x82, 0x7F, 0, 0, 0, 0, 0, 0, 0, 0x7D], code: 1002),
            Case(name: "65535 in 64 bits", bytes: [0x82, 0x7F, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF], code: 1002),
            Case(
                name: "masked 126 in 64 bits to a server",
                bytes: [0x82, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0x7E] + key, role: .server, code: 1002),
            // A configured limit: a frame declaring more than maxPayloadSize is 1009 (RFC 6455 §7.4.1).
            Case(
                name: "1001 bytes over a limit of 1000 (16-bit)", bytes: [0x82, 0x7E, 0x03, 0xE9],
                maxPayloadSize: 1000, code: 1009),
            Case(
                name: "126 bytes over a limit of 125 (16-bit, masked, server)", bytes: [0x82, 0xFE, 0x00, 0x7E] + key,
                role: .server, maxPayloadSize: 125, code: 1009),
            Case(
                name: "2^40 bytes over the default 128 MiB limit (64-bit)",
                bytes: [0x82, 0x7F, 0, 0, 0, 1, 0, 0, 0, 0], code: 1009),
            Case(name: "6 bytes over a limit of 5 (7-bit)", bytes: [0x81, 0x06], maxPayloadSize: 5, code: 1009),
        ]

    /// How the header reaches the parser.
    enum Feed: CaseIterable, Sendable {
        /// Appended whole.
        case append
        /// Lent whole: parsed in place.
        case lend
        /// Its first byte appended in an earlier read, the rest lent: completed from the loan.
        case firstByteEarlier
    }

    @Test("refused from the header alone", arguments: cases, Feed.allCases)
    func rejects(_ testCase: Case, feed: Feed) {
        var parser = FrameParser(
            role: testCase.role, maxPayloadSize: testCase.maxPayloadSize, permitsRSV1: testCase.permitsRSV1)
        var lent = testCase.bytes[...]
        switch feed {
        case .append:
            parser.append(contentsOf: testCase.bytes)
            lent = []
        case .lend:
            break
        case .firstByteEarlier:
            parser.append(contentsOf: testCase.bytes.prefix(1))
            #expect(throws: Never.self) { try parser.next() }
            lent = testCase.bytes.dropFirst()
        }
        let outcome = lent.withUnsafeBytes { bytes in
            if !lent.isEmpty { parser.lend(bytes) }
            defer { if !lent.isEmpty { parser.endLoan(keepingUnparsed: false) } }
            return Result { () throws(ProtocolViolation) in try parser.next() }
        }
        switch outcome {
        case .success(let frame):
            Issue.record("expected a \(testCase.code) violation, got \(String(describing: frame))")
        case .failure(let error):
            #expect(error.closeCode == testCase.code, "\(error)")
            #expect(!error.reason.isEmpty)
        }
    }

    @Test("a frame exactly at maxPayloadSize is accepted")
    func atLimit() throws {
        var parser = FrameParser(role: .client, maxPayloadSize: 1000)
        parser.append(contentsOf: [0x82, 0x7E, 0x03, 0xE8])  // 1000
        #expect(try parser.next() == nil)
        parser.append(contentsOf: [UInt8](repeating: 7, count: 1000))
        #expect(try parser.next()?.payload.count == 1000)
    }

    @Test("a control frame of exactly 125 bytes is accepted")
    func control125() throws {
        var parser = FrameParser(role: .client)
        parser.append(contentsOf: wireFrame(opcode: 0x9, payload: [UInt8](repeating: 1, count: 125)))
        #expect(try parser.next()?.payload.count == 125)
    }

    @Test("RSV1 is accepted on a data frame when permitted")
    func rsv1Permitted() throws {
        var parser = FrameParser(role: .client, permitsRSV1: true)
        parser.append(contentsOf: [0xC2, 0x00])
        #expect(try parser.next()?.header.rsv1 == true)
    }
}
