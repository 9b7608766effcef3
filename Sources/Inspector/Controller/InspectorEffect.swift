/// What the Terminal layer must do after a key: talk to the connection, or quit. Everything else (selection,
/// filters, modes, overlays) the state has already done itself.
package enum InspectorEffect: Sendable, Hashable {
    /// Send a text message.
    case sendText(String)
    /// Send a binary message.
    case sendBinary([UInt8])
    /// Send a ping.
    case ping([UInt8])
    /// Close the connection (a `nil` code with a reason means 1000).
    case close(code: UInt16?, reason: String)
    /// Drop the connection and connect again, keeping the log.
    case reconnect
    /// Turn automatic reconnect on or off (`/reconnect auto`, `/reconnect off`).
    case setAutoReconnect(Bool)
    /// Drop the connection and connect to this URL with the same flags, keeping the log.
    case connect(String)
    /// Put this text on the terminal's clipboard (OSC 52); the terminal layer does it, not the session.
    case copyToClipboard(String)
    /// Write `bytes` to `path`; an existing file only when `overwrite` (after the user confirmed).
    case saveFile(path: String, bytes: [UInt8], overwrite: Bool)
    /// Write what the log holds now to a file (`/export`): HAR, or JSON Lines for a `.jsonl` name; with `filtered`,
    /// only the rows the filter shows.
    case export(path: String, filtered: Bool)
    /// Relay mode: intercept, or decide a held message (the session asks the relay).
    case relay(RelayAction)
    /// Leave, restoring the terminal (and saving compose history).
    case quit
}
