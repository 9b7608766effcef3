/// A frame's 4-bit opcode (RFC 6455 §5.2), kept as its raw value so reserved opcodes can be shown and rejected.
public struct Opcode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The 4-bit value as it appears on the wire.
    public let rawValue: UInt8

    /// Wraps a raw opcode; only the low four bits are meaningful.
    public init(rawValue: UInt8) { self.rawValue = rawValue & 0x0F }

    /// A continuation of a fragmented data message.
    public static let continuation = Opcode(rawValue: 0x0)
    /// A UTF-8 text message (or its first fragment).
    public static let text = Opcode(rawValue: 0x1)
    /// A binary message (or its first fragment).
    public static let binary = Opcode(rawValue: 0x2)
    /// A close frame.
    public static let close = Opcode(rawValue: 0x8)
    /// A ping frame.
    public static let ping = Opcode(rawValue: 0x9)
    /// A pong frame.
    public static let pong = Opcode(rawValue: 0xA)

    /// Control frames have the high bit of the opcode set (0x8–0xF).
    public var isControl: Bool { rawValue & 0x8 != 0 }

    /// Opcodes 0x3–0x7 and 0xB–0xF have no meaning in RFC 6455.
    public var isReserved: Bool {
        switch rawValue {
        case 0x0, 0x1, 0x2, 0x8, 0x9, 0xA: return false
        default: return true
        }
    }

    /// A short upper-case name, e.g. `TEXT` or `RSV-0x3` for a reserved opcode.
    public var name: String {
        switch rawValue {
        case 0x0: return "CONT"
        case 0x1: return "TEXT"
        case 0x2: return "BINARY"
        case 0x8: return "CLOSE"
        case 0x9: return "PING"
        case 0xA: return "PONG"
        default: return "RSV-0x" + String(rawValue, radix: 16, uppercase: true)
        }
    }

    /// The opcode's name as the RFC writes it, e.g. `TEXT`.
    public var description: String { name }
}
