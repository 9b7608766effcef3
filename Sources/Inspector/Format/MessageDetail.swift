/// The detail view of a whole message: a summary, the reassembled (inflated) payload, pretty-printed when it is
/// JSON, then each frame that carried it with its header and wire bytes, as the hex pane shows a frame.
enum MessageDetail {
    static func sections(for message: LogMessage, clock: ClockFormat) -> [DetailSection] {
        let first = message.first
        var summary = StyledLine()
        summary.append("#\(first.id) ", .hint)
        summary.append(clock.string(from: first.time), .time)
        summary.append(" " + first.direction.arrow + " ", .forDirection(first.direction))
        summary.append(message.opcode.name, .forOpcode(message.opcode.rawValue))
        let frames = message.frames.count == 1 ? "1 frame" : "\(message.frames.count) frames"
        summary.append(
            " message · \(frames) · \(ByteFormat.size(message.size))"
                + (message.isCompressed ? " · compressed" : ""), .hint)
        var head = [summary]
        if !message.isComplete {
            head.append(StyledLine("incomplete: its last frame (FIN) has not arrived", .error))
        }
        if message.isCut {
            head.append(
                StyledLine(
                    "frames were cut to the log's per-record limit: the payload holds what was kept", .error))
        }
        head.append(StyledLine())
        var sections: [DetailSection] = [.lines(head)]
        if !message.isRawDeflate {
            sections += DetailDocument.payloadSections(
                message.payload, opcode: message.opcode,
                direction: first.direction)
            sections.append(.lines([StyledLine()]))
        }
        for (index, entry) in message.frames.enumerated() {
            let record = entry.record
            var heading = StyledLine()
            heading.append("Frame \(index + 1) of \(message.frames.count)", .title)
            heading.append(" #\(record.id) ", .hint)
            heading.append(clock.string(from: record.time), .time)
            sections.append(.lines([heading] + DetailDocument.trimLines(record)))
            sections += HexPaneFormatter.sections(for: record)
            sections.append(.lines([StyledLine()]))
        }
        return sections
    }
}
