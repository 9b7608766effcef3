/// Close status codes (RFC 6455 §7.4) and the rules for which may appear on the wire.
public enum CloseCode {
    /// 1000: the purpose of the connection was fulfilled.
    public static let normalClosure: UInt16 = 1000
    /// 1001: the endpoint is going away.
    public static let goingAway: UInt16 = 1001
    /// 1002: a protocol error.
    public static let protocolError: UInt16 = 1002
    /// 1003: a data type the endpoint cannot accept.
    public static let unsupportedData: UInt16 = 1003
    /// 1005: reported locally when a Close frame carried no code; never sent.
    public static let noStatusReceived: UInt16 = 1005
    /// 1006: reported locally when the connection ended without a Close frame; never sent.
    public static let abnormalClosure: UInt16 = 1006
    /// 1007: data inconsistent with its type, such as invalid UTF-8 in a text message.
    public static let invalidPayloadData: UInt16 = 1007
    /// 1008: a policy violation, used for too many fragments.
    public static let policyViolation: UInt16 = 1008
    /// 1009: a message too big to process.
    public static let messageTooBig: UInt16 = 1009
    /// 1010: the client expected an extension the server did not negotiate.
    public static let mandatoryExtension: UInt16 = 1010
    /// 1011: the server met an unexpected condition.
    public static let internalError: UInt16 = 1011

    /// Whether `code` may legally appear in a Close frame: 1000–1003, 1007–1014, 3000–4999.
    ///
    /// 1004–1006 and 1015 are reserved for local reporting, and 1016–2999 are unassigned, so a peer sending them
    /// commits a protocol error.
    public static func isValidOnWire(_ code: UInt16) -> Bool {
        switch code {
        case 1000...1003, 1007...1014, 3000...4999: return true
        default: return false
        }
    }

    /// Whether an application may pass `code` to `close()`: 1000 or 3000–4999, as the WHATWG API requires.
    public static func isValidForApplication(_ code: UInt16) -> Bool {
        code == 1000 || (3000...4999).contains(code)
    }

    /// The registered name of a code, e.g. "Normal Closure", or a range description for private codes.
    public static func name(_ code: UInt16) -> String {
        switch code {
        case 1000: return "Normal Closure"
        case 1001: return "Going Away"
        case 1002: return "Protocol Error"
        case 1003: return "Unsupported Data"
        case 1004: return "Reserved"
        case 1005: return "No Status Received"
        case 1006: return "Abnormal Closure"
        case 1007: return "Invalid Payload Data"
        case 1008: return "Policy Violation"
        case 1009: return "Message Too Big"
        case 1010: return "Mandatory Extension"
        case 1011: return "Internal Error"
        case 1012: return "Service Restart"
        case 1013: return "Try Again Later"
        case 1014: return "Bad Gateway"
        case 1015: return "TLS Handshake"
        case 3000...3999: return "Registered (IANA)"
        case 4000...4999: return "Private Use"
        default: return "Invalid"
        }
    }
}
