/// A rule of RFC 6455 (or of a configured limit) that the peer broke, with the close code it maps to.
public struct ProtocolViolation: Error, Hashable, Sendable, CustomStringConvertible {
    /// The close code the connection is failed with: 1002, 1007, 1008 or 1009.
    public let closeCode: UInt16
    /// Which rule was broken, in words, e.g. "control frame longer than 125 bytes (300)".
    public let reason: String

    /// Creates a violation.
    public init(closeCode: UInt16, reason: String) {
        self.closeCode = closeCode
        self.reason = reason
    }

    /// A 1002 protocol error.
    public static func protocolError(_ reason: String) -> ProtocolViolation {
        ProtocolViolation(closeCode: CloseCode.protocolError, reason: reason)
    }

    /// A 1007 invalid-payload error.
    public static func invalidPayload(_ reason: String) -> ProtocolViolation {
        ProtocolViolation(closeCode: CloseCode.invalidPayloadData, reason: reason)
    }

    /// A 1009 message-too-big error.
    public static func tooBig(_ reason: String) -> ProtocolViolation {
        ProtocolViolation(closeCode: CloseCode.messageTooBig, reason: reason)
    }

    /// A 1008 policy violation.
    public static func policy(_ reason: String) -> ProtocolViolation {
        ProtocolViolation(closeCode: CloseCode.policyViolation, reason: reason)
    }

    /// The violation as one line: its close code and reason.
    public var description: String { "protocol violation (\(closeCode)): \(reason)" }

    /// The close code and what it means in a person's words, then the rule broken: `1009 message too big:
    /// inflated size passed the 128 MiB limit`.
    package var headline: String {
        let meaning: String
        switch closeCode {
        case CloseCode.protocolError: meaning = "protocol error"
        case CloseCode.invalidPayloadData: meaning = "invalid data"
        case CloseCode.policyViolation: meaning = "policy violation"
        case CloseCode.messageTooBig: meaning = "message too big"
        default: meaning = "protocol violation"
        }
        return "\(closeCode) \(meaning): \(reason)"
    }
}
