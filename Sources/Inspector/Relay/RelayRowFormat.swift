/// The relay columns of a log row: the connection number, the leg marker and how a held message fared, in place
/// of the client mode's direction arrow.
///
/// ```
/// 12:34:56.789 #2  C→S        TEXT   F       5 B  hello
/// 12:34:56.790 #2  C→S  HELD  TEXT   F       5 B  second
/// 12:34:56.901 #2   →S  EDIT  TEXT   F       6 B  edited
/// 12:34:57.000 #2   ·         NOTE                closed · client closed (1000 Normal Closure)…
/// ```
/// `C→S` and `S→C` are forwarded messages (one row per message: what came in one leg went out the other), `→S`
/// and `→C` are sent by the relay itself (injected, or edited in place of a held one). The mono theme writes the
/// arrows as `->`.
package enum RelayRowFormat {
    /// Cells of the connection column.
    static let connectionWidth = 5
    /// Cells of the leg column.
    static let legWidth = 4
    /// Cells of the state column.
    static let stateWidth = 6

    /// `line` (as ``LogRowFormatter`` made it) with its arrow replaced by the relay columns of `tag`.
    package static func decorate(_ line: StyledLine, record: InspectorRecord, tag: RelayTag?, ascii: Bool) -> StyledLine {
        // The formatter's lead is time, space, arrow: the arrow is the third span.
        guard line.spans.count > 2 else { return line }
        var spans = line.spans
        let role = ThemeRole.forDirection(record.direction)
        let connection = tag.map { $0.connection > 0 ? "#\($0.connection)" : "" } ?? ""
        let (leg, state, stateRole) = columns(record: record, mark: tag?.mark ?? .note, ascii: ascii)
        spans.replaceSubrange(
            2...2,
            with: [
                StyledSpan(DisplayWidth.pad(connection, to: connectionWidth), .label),
                StyledSpan(DisplayWidth.pad(DisplayWidth.padLeft(leg, to: ascii ? legWidth : legWidth - 1), to: legWidth), role),
                StyledSpan(" " + DisplayWidth.pad(state, to: stateWidth), stateRole),
            ])
        return StyledLine(spans)
    }

    /// The leg marker and state words of a row.
    static func columns(record: InspectorRecord, mark: RelayMark, ascii: Bool) -> (String, String, ThemeRole) {
        let arrow = ascii ? "->" : "→"
        let toServer = record.direction == .sent
        let forwarded = toServer ? "C\(arrow)S" : "S\(arrow)C"
        let fromRelay = arrow + (toServer ? "S" : "C")
        switch mark {
        case .note: return (ascii ? "." : "·", "", .local)
        case .forwarded: return (forwarded, "", .normal)
        case .held: return (forwarded, "HELD", .pausedBadge)
        case .released: return (forwarded, "FWD", .hint)
        case .dropped: return (forwarded, "DROP", .error)
        case .edited: return (forwarded, "EDITED", .hint)
        case .replacement: return (fromRelay, "EDIT", .label)
        case .injected: return (fromRelay, "INJECT", .label)
        }
    }
}
