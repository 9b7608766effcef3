/// Both sides of a closing handshake this client started, in words: what we sent, and what the server answered
/// (the close event's code and reason). Kept apart so our reason is never shown under the server's code.
package enum CloseWords {
    /// `we sent 4000 bye · server answered 4000`. The reason texts are escaped (the server's is peer-controlled).
    package static func weSentServerAnswered(ours: CloseFrameContent, code: UInt16, reason: String) -> String {
        var sent = "we sent"
        if let ownCode = ours.code {
            sent += " \(ownCode)"
            if !ours.reason.isEmpty { sent += " " + SafeText.escape(ours.reason) }
        } else {
            sent += " no code"
        }
        let answer: String
        switch code {
        case 1005: answer = "server answered with no code"
        case 1006: answer = "server never answered"
        default: answer = "server answered \(code)" + (reason.isEmpty ? "" : " " + SafeText.escape(reason))
        }
        return sent + " · " + answer
    }
}
