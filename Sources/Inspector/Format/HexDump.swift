/// A classic `hexdump -C` layout of bytes, with each byte tagged with a role so header and payload bytes can be
/// drawn apart:
///
/// ```
/// 00000000  81 05 48 65 6c 6c 6f                               |..Hello|
/// ```
package enum HexDump {
    /// The columns a dump line takes for `bytesPerLine` bytes.
    package static func lineWidth(bytesPerLine: Int) -> Int {
        8 + 2 + bytesPerLine * 3 + (bytesPerLine > 8 ? 1 : 0) + 2 + bytesPerLine + 1
    }

    /// The most bytes per line (16, 8 or 4) whose lines fit in `columns`.
    package static func bytesPerLine(fitting columns: Int) -> Int {
        for candidate in [16, 8, 4] where lineWidth(bytesPerLine: candidate) <= columns { return candidate }
        return 4
    }

    /// Dump lines for `bytes`; `role(i)` gives the role of byte `i`. At most `maxLines` lines are made (the
    /// rest is summarised in a last line) so drawing a 64-bit-length frame stays cheap.
    package static func lines(
        _ bytes: [UInt8], bytesPerLine: Int = 16, maxLines: Int = .max, role: (Int) -> ThemeRole
    ) -> [StyledLine] {
        lines(count: bytes.count, bytesPerLine: bytesPerLine, maxLines: maxLines, byte: { bytes[$0] }, role: role)
    }

    /// Dump lines for `count` bytes read through `byte`, as ``lines(_:bytesPerLine:maxLines:role:)`` makes them.
    static func lines(
        count: Int, bytesPerLine: Int, maxLines: Int, byte: (Int) -> UInt8, role: (Int) -> ThemeRole,
        matched: Set<Int> = []
    ) -> [StyledLine] {
        var result: [StyledLine] = []
        let perLine = max(1, bytesPerLine)
        var offset = 0
        while offset < count {
            if result.count == maxLines {
                result.append(StyledLine("… \(count - offset) more bytes", .hint))
                break
            }
            result.append(
                line(at: offset, count: count, bytesPerLine: perLine, byte: byte, role: role, matched: matched))
            offset += perLine
        }
        return result
    }

    /// How many lines a dump of `count` bytes takes.
    package static func lineCount(bytes count: Int, bytesPerLine: Int) -> Int {
        let perLine = max(1, bytesPerLine)
        return (count + perLine - 1) / perLine
    }

    /// The dump line starting at byte `offset` of `count` bytes read through `byte`: the detail view makes only the
    /// lines on screen this way, however long the payload.
    static func line(
        at offset: Int, count: Int, bytesPerLine: Int, byte: (Int) -> UInt8, role: (Int) -> ThemeRole,
        matched: Set<Int> = []
    ) -> StyledLine {
        var line = StyledLine()
        let hexOffset = String(offset, radix: 16)
        line.append(String(repeating: "0", count: max(0, 8 - hexOffset.count)) + hexOffset + "  ", .hexOffset)
        let end = min(count, offset + bytesPerLine)
        for column in 0..<bytesPerLine {
            if column == 8 { line.append(" ") }
            let index = offset + column
            if index < end {
                line.append(ByteFormat.hex(byte(index)), role(index))
                line.append(" ")
            } else {
                line.append("   ")
            }
        }
        line.append(" |", .hexOffset)
        // Search matches are marked in the ASCII column only, where text can be read.
        for index in offset..<end {
            line.append(ByteFormat.asciiGutter(byte(index)), matched.contains(index) ? .searchMatch : role(index))
        }
        line.append("|", .hexOffset)
        return line
    }
}
