import WebSocketCore

/// A close frame's payload decoded: an optional status code and a reason (RFC 6455 §5.5.1).
package struct CloseFrameContent: Sendable, Hashable {
    /// The status code, `nil` when the payload was empty (or malformed).
    package var code: UInt16?
    /// The reason bytes, which should be UTF-8 but come from the peer.
    package var reason: [UInt8]
    /// A one-byte payload cannot hold a code; RFC 6455 makes it a protocol error.
    package var isMalformed: Bool

    /// Decodes a close payload.
    package init(payload: [UInt8]) {
        if payload.count >= 2 {
            code = UInt16(payload[0]) << 8 | UInt16(payload[1])
            reason = Array(payload[2...])
            isMalformed = false
        } else {
            code = nil
            reason = []
            isMalformed = payload.count == 1
        }
    }

    /// `1000 Normal Closure: reason`, `1000 Normal Closure`, `no status code`, or the malformed case; the reason is
    /// escaped.
    package var summary: String {
        if isMalformed { return "malformed close payload (1 byte)" }
        guard let code else { return "no status code" }
        let head = "\(code) \(CloseCode.name(code))"
        return reason.isEmpty ? head : head + ": " + SafeText.escape(reason)
    }
}
