/// Everything on screen that a theme can colour, by the name a theme file uses for it.
package enum ThemeRole: String, Sendable, Hashable, CaseIterable {
    /// Plain text and the background of every pane.
    case normal
    /// The time column of the log.
    case time
    /// Records this client sent.
    case sent
    /// Records the server sent.
    case received
    /// Local notes (state changes).
    case local
    /// The TEXT opcode.
    case opcodeText = "opcode-text"
    /// The BINARY opcode.
    case opcodeBinary = "opcode-binary"
    /// The CONT opcode.
    case opcodeContinuation = "opcode-continuation"
    /// The CLOSE opcode.
    case opcodeClose = "opcode-close"
    /// The PING opcode.
    case opcodePing = "opcode-ping"
    /// The PONG opcode.
    case opcodePong = "opcode-pong"
    /// Reserved opcodes, which no conforming peer sends.
    case opcodeReserved = "opcode-reserved"
    /// Handshake request and response entries.
    case handshake
    /// Errors: error notes, inline compose and filter errors, failed connection state.
    case error
    /// Header bytes in the hex dump.
    case headerBytes = "header-bytes"
    /// Payload bytes in the hex dump (as on the wire, so masked for sent frames).
    case payloadBytes = "payload-bytes"
    /// The unmasked or inflated payload dump of a frame.
    case unmaskedBytes = "unmasked-bytes"
    /// The offset column and the ASCII gutter bars of a hex dump.
    case hexOffset = "hex-offset"
    /// Field names in the decoded header ("FIN", "MASK", …).
    case label
    /// The status bar.
    case statusBar = "status-bar"
    /// The connection state in the status bar while all is well (OPEN, CONNECTING).
    case statusState = "status-state"
    /// The `PAUSED · n new` badge.
    case pausedBadge = "paused-badge"
    /// The selected log row while the log has focus.
    case selection
    /// The selected log row while another pane (compose, the filter prompt) has focus: dimmer, so the focused
    /// pane is plain even without colour.
    case selectionUnfocused = "selection-unfocused"
    /// A match of the search pattern, in log rows, the detail view and the hex pane's ASCII column; it keeps its
    /// style inside the selected row.
    case searchMatch = "search-match"
    /// Pane borders.
    case border
    /// The border of the focused pane.
    case borderFocused = "border-focused"
    /// Pane titles.
    case title
    /// Key hints and secondary text.
    case hint
    /// The compose mode indicator (TEXT / HEX / BASE64).
    case composeMode = "compose-mode"

    /// The role for an opcode's name in the log.
    package static func forOpcode(_ raw: UInt8) -> ThemeRole {
        switch raw {
        case 0x0: return .opcodeContinuation
        case 0x1: return .opcodeText
        case 0x2: return .opcodeBinary
        case 0x8: return .opcodeClose
        case 0x9: return .opcodePing
        case 0xA: return .opcodePong
        default: return .opcodeReserved
        }
    }

    /// The role for a direction.
    package static func forDirection(_ direction: Direction) -> ThemeRole {
        switch direction {
        case .sent: return .sent
        case .received: return .received
        case .local: return .local
        }
    }
}
