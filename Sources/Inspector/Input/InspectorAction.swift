/// Everything a key can do; the binding table maps keys to these, and ``InspectorState`` carries them out.
package enum InspectorAction: Sendable, Hashable {
    /// Leave the inspector, restoring the terminal.
    case quit
    /// Move focus to the next pane (log → compose → log).
    case cycleFocus
    /// Open the help overlay.
    case showHelp
    /// Redraw for a new terminal size.
    case redraw
    /// Act on the cell last clicked: select the log row there, or focus the pane there.
    case pointAt
    /// Scroll whatever the wheel is over up a few lines: the log (its selection), or the overlay.
    case wheelUp
    /// Scroll down a few lines.
    case wheelDown

    /// Select the previous row (pauses follow mode).
    case selectPrevious
    /// Select the next row.
    case selectNext
    /// Up a page (pauses follow mode).
    case pageUp
    /// Down a page.
    case pageDown
    /// Select the oldest row (pauses follow mode).
    case selectFirst
    /// Jump to the newest row and follow again.
    case follow
    /// Open the filter prompt.
    case openFilter
    /// Open the search prompt, searching forward.
    case openSearchForward
    /// Open the search prompt, searching backward.
    case openSearchBackward
    /// Go to the next match, the way the last search went.
    case searchNext
    /// Go to the previous match, against the way the last search went.
    case searchPrevious
    /// Show one row per frame or one row per whole message.
    case toggleMessages
    /// Step through which control frames show: all but keepalive pings, all, none.
    case toggleControlFrames
    /// Show or hide sent records.
    case toggleSent
    /// Show or hide received records.
    case toggleReceived
    /// Remove every filter.
    case clearFilters
    /// Step the time column through wall clock, seconds since connect and time since the previous row.
    case cycleTimeColumn
    /// Open the detail view of the selected row.
    case openDetail
    /// Copy the selected message into the compose box to edit it.
    case editMessage
    /// Send the selected message, or the marked ones, again.
    case resend
    /// Mark or unmark the selected message for `resend`.
    case toggleMark
    /// Put the selected payload on the terminal's clipboard: text as UTF-8, binary as hex.
    case copyPayload
    /// Put the selected payload's base64 on the terminal's clipboard.
    case copyBase64
    /// Write the selected payload's exact bytes to a file (asks for the path).
    case savePayload
    /// Connect again now, keeping the log (also cuts a waiting automatic reconnect short).
    case reconnectNow
    /// In a capture view: replay the selected row's connection to a URL (asks for it).
    case replayCapture

    /// Relay mode: open the connection list.
    case showConnections
    /// Relay mode: show every connection's rows, merged in time order.
    case showAllConnections
    /// Relay mode, in the connection list: show the connection under the cursor.
    case chooseConnection
    /// Relay mode: step intercept of the selected connection through client→server, server→client, both, off.
    case cycleIntercept
    /// Relay mode: forward the held message on the selected row (else open the row, as `Enter` does).
    case forwardHeld
    /// Relay mode: edit the selected message in compose; on a held row, Enter there forwards the edit instead.
    case editHeld
    /// Relay mode: drop the held message on the selected row.
    case dropHeld
    /// Relay mode: forward every held message of the selected connection, in order.
    case forwardAllHeld
    /// Relay mode: switch whom compose sends to, the selected connection's server or its client.
    case cycleInjectTarget

    /// Send (or run) what was composed.
    case submit
    /// Insert a line break.
    case insertNewline
    /// Cycle text → hex → base64.
    case cycleComposeMode
    /// Up a line, or back through history.
    case historyPrevious
    /// Down a line, or forward through history.
    case historyNext
    /// Cursor left.
    case cursorLeft
    /// Cursor right.
    case cursorRight
    /// Cursor to line start.
    case cursorLineStart
    /// Cursor to line end.
    case cursorLineEnd
    /// Delete before the cursor.
    case deleteBackward
    /// Delete under the cursor.
    case deleteForward
    /// Empty the line or buffer being edited.
    case clearInput

    /// Apply the typed filter, or run the typed search.
    case applyPrompt
    /// Close the prompt or overlay without changing anything.
    case cancel

    /// Scroll an overlay up a line.
    case scrollUp
    /// Scroll an overlay down a line.
    case scrollDown
    /// Scroll an overlay up a page.
    case scrollPageUp
    /// Scroll an overlay down a page.
    case scrollPageDown
    /// Scroll an overlay to its first line.
    case scrollTop
    /// Scroll an overlay to its last page.
    case scrollBottom
}
