import Foundation

/// Draws an ``InspectorState`` onto a ``Canvas``: status bar, log, hex pane, compose box, and any overlay.
package struct InspectorRenderer: Sendable {
    /// The resolved theme.
    package var palette: Palette
    /// How times are shown.
    package var clock: ClockFormat
    /// Whether drawings such as the sparkline keep to ASCII (the `mono` theme).
    package var asciiOnly = false

    /// Creates a renderer.
    package init(palette: Palette, clock: ClockFormat = ClockFormat()) {
        self.palette = palette
        self.clock = clock
    }

    /// What the terminal needs after a frame is drawn.
    package struct Result: Sendable, Hashable {
        /// Row of the text cursor, when an input has focus; the terminal hides its cursor otherwise.
        package var cursorRow: Int?
        /// Column of the text cursor.
        package var cursorCol: Int?
    }

    /// Draws the whole screen as of `now` (the status bar counts up while connecting). Only the visible log rows
    /// are formatted, so the cost does not grow with the log.
    @discardableResult
    package func render(_ state: InspectorState, into canvas: inout some Canvas, now: Date = Date()) -> Result {
        canvas.clear()
        var result = Result()
        let size = canvas.size
        guard size.rows > 0, size.cols > 0 else { return result }
        let layout = Layout.make(
            size: size, composeLines: state.prompt != nil ? 1 : state.compose.buffer.lines.count,
            composeMessage: state.prompt != nil ? state.prompt?.error != nil : state.compose.error != nil)
        let titles = layout.hasTitles

        if let rect = layout.statusBar {
            StatusBarView.draw(state, rect: rect, palette: palette, now: now, asciiOnly: asciiOnly, into: &canvas)
        }
        if let overlay = state.overlay, let rect = layout.overlay {
            switch overlay {
            case .help(let scroll):
                HelpOverlay.draw(state, scroll: scroll, rect: rect, hasTitle: titles, palette: palette, into: &canvas)
            case .detail(let subject, let scroll):
                DetailView.draw(
                    subject, reply: state.detailReply, relay: state.detailRelay, scroll: scroll, search: state.search,
                    rect: rect, hasTitle: titles, clock: clock, palette: palette, into: &canvas)
            case .connections(let cursor):
                ConnectionListView.draw(
                    state, cursor: cursor, rect: rect, hasTitle: titles, now: now, asciiOnly: asciiOnly, palette: palette,
                    into: &canvas)
            }
        } else {
            if let rect = layout.log {
                let formatter = LogRowFormatter(clock: clock, showsSecrets: state.showsSecrets)
                LogView.draw(
                    state, rect: rect, hasTitle: titles, formatter: formatter,
                    palette: palette, asciiOnly: asciiOnly, into: &canvas)
            }
            if var rect = layout.hexPane {
                // Relay mode with the side pane beside the log: the connections on top of it.
                if let relay = state.relay, rect.col > 0, titles {
                    let rows = ConnectionColumnView.rows(for: relay, paneRows: rect.rows)
                    if rows >= 2 {
                        let column = Rect(row: rect.row, col: rect.col, rows: rows, cols: rect.cols)
                        ConnectionColumnView.draw(relay, rect: column, asciiOnly: asciiOnly, palette: palette, into: &canvas)
                        rect = Rect(row: rect.row + rows, col: rect.col, rows: rect.rows - rows, cols: rect.cols)
                    }
                }
                HexPaneView.draw(state, rect: rect, hasTitle: titles, palette: palette, into: &canvas)
            }
        }
        if let rect = layout.compose {
            let cursor: (row: Int, col: Int)?
            if let prompt = state.prompt {
                cursor = FilterPromptView.draw(
                    state, prompt: prompt, rect: rect, hasTitle: titles, palette: palette,
                    into: &canvas)
            } else {
                cursor = ComposeView.draw(state, rect: rect, hasTitle: titles, palette: palette, into: &canvas)
            }
            if let cursor, cursor.row < size.rows, cursor.col < size.cols {
                result.cursorRow = cursor.row
                result.cursorCol = cursor.col
            }
        }
        return result
    }
}
