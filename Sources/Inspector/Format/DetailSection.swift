/// A run of lines of the detail view or the hex pane: lines made already, or lines made only when drawn, so a
/// large payload costs what is on screen.
enum DetailSection {
    /// Lines made up front (short: headers, labels, small payloads).
    case lines([StyledLine])
    /// A hex dump, one line per ``HexSource/line(at:bytesPerLine:)``.
    case dump(HexSource)
    /// Text too long to lay out up front (over ``DetailDocument/eagerTextLimit``): rows of a fixed number of bytes,
    /// each row starting on a character, line feeds shown as `␊`, drawn in `role`.
    case textRows([UInt8], ThemeRole)
}
