import Inspector

/// What reaches the UI thread through its ``WakeableQueue``.
package enum TerminalEvent: Sendable {
    /// Something happened on the connection.
    case session(SessionEvent)
    /// SIGINT, SIGTERM or SIGHUP arrived: leave cleanly, restoring the terminal.
    case terminate(signal: Int32)
}
