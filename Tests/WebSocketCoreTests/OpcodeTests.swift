import Testing
import WebSocketCore

/// RFC 6455 §5.2 opcode classes: 0x0–0x2 data, 0x8–0xA control, 0x3–0x7 and 0xB–0xF reserved.
@Suite struct OpcodeTests {
    @Test("reserved and control classes for all sixteen opcodes", arguments: UInt8(0)...15)
    func classes(raw: UInt8) {
        let opcode = Opcode(rawValue: raw)
        #expect(opcode.isReserved == ((0x3...0x7).contains(raw) || (0xB...0xF).contains(raw)))
        #expect(opcode.isControl == (raw >= 0x8))
    }

    @Test("only the low four bits are kept")
    func lowBits() {
        #expect(Opcode(rawValue: 0x81) == .text)
        #expect(Opcode(rawValue: 0xF9) == .ping)
    }
}
