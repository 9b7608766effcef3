import Testing
import WebSocketCore

/// Which close codes may cross the wire (RFC 6455 §7.4.1–§7.4.2 and the IANA "WebSocket Close Code Number"
/// registry: 1000–1003 and 1007–1014 are defined for the wire, 1004 is reserved, 1005/1006/1015 are for local
/// reporting only, 1016–2999 are unassigned or reserved for future RFCs, 3000–3999 are IANA-registered and
/// 4000–4999 private) and which an application may pass to close() (WHATWG: 1000 or 3000–4999).
@Suite struct CloseCodeTests {
    @Test(
        "isValidOnWire",
        arguments: [
            (UInt16(0), false), (999, false),
            (1000, true), (1001, true), (1002, true), (1003, true),
            (1004, false), (1005, false), (1006, false),
            (1007, true), (1008, true), (1009, true), (1010, true), (1011, true), (1012, true), (1013, true), (1014, true),
            (1015, false), (1016, false), (1100, false), (2000, false), (2999, false),
            (3000, true), (3999, true), (4000, true), (4999, true),
            (5000, false), (65535, false),
        ])
    func onWire(code: UInt16, valid: Bool) {
        #expect(CloseCode.isValidOnWire(code) == valid)
    }

    @Test("isValidOnWire over every 16-bit value matches the registry ranges")
    func onWireExhaustive() {
        var mismatches: [UInt16] = []
        for code in UInt16.min...UInt16.max {
            let expected = (1000...1003).contains(code) || (1007...1014).contains(code) || (3000...4999).contains(code)
            if CloseCode.isValidOnWire(code) != expected { mismatches.append(code) }
        }
        #expect(mismatches.isEmpty, "wrong verdict for \(mismatches.prefix(20))")
    }

    @Test(
        "isValidForApplication",
        arguments: [
            (UInt16(1000), true), (3000, true), (3999, true), (4000, true), (4999, true),
            (0, false), (999, false), (1001, false), (1002, false), (1003, false), (1005, false), (1006, false),
            (1011, false), (1015, false), (2999, false), (5000, false), (65535, false),
        ])
    func forApplication(code: UInt16, valid: Bool) {
        #expect(CloseCode.isValidForApplication(code) == valid)
    }

    @Test("the named constants carry the RFC 6455 §7.4.1 numbers")
    func constants() {
        #expect(CloseCode.normalClosure == 1000)
        #expect(CloseCode.goingAway == 1001)
        #expect(CloseCode.protocolError == 1002)
        #expect(CloseCode.unsupportedData == 1003)
        #expect(CloseCode.noStatusReceived == 1005)
        #expect(CloseCode.abnormalClosure == 1006)
        #expect(CloseCode.invalidPayloadData == 1007)
        #expect(CloseCode.policyViolation == 1008)
        #expect(CloseCode.messageTooBig == 1009)
        #expect(CloseCode.mandatoryExtension == 1010)
        #expect(CloseCode.internalError == 1011)
    }

    @Test("each violation kind maps to its close code")
    func violationCodes() {
        #expect(ProtocolViolation.protocolError("x").closeCode == 1002)
        #expect(ProtocolViolation.invalidPayload("x").closeCode == 1007)
        #expect(ProtocolViolation.policy("x").closeCode == 1008)
        #expect(ProtocolViolation.tooBig("x").closeCode == 1009)
        #expect(ProtocolViolation.tooBig("frame too big").description.contains("frame too big"))
        #expect(ProtocolViolation.tooBig("frame too big").description.contains("1009"))
    }
}
