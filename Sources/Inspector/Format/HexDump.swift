/// A classic `hexdump -C` layout of bytes, with each byte tagged with a role so header and payload bytes can be
/// drawn apart:
///
/// ```
/// 00000000  81 05 48 65 6c 6c 6f                               |..Hello|
/// ```
public enum HexDump {
    /// The columns a dump line takes for `bytesPerLine` bytes.
    public static func lineWidth(bytesPerLine: Int) -> Int {
        8 + 2 + bytesPerLine * 3 + (bytesPerLine > 8 ? 1 : 0) + 2 + bytesPerLine + 1
    }

    /// The most bytes per line (16, 8 or 4) whose lines fit in `columns`.
    public static func bytesPerLine(fitting columns: Int) -> Int {
        for candidate in [16, 8, 4] where lineWidth(bytesPerLine: candidate) <= columns { return candidate }
        return 4
    }

    /// Dump lines for `bytes`; `role(i)` gives the role of byte `i`. At most `maxLines` lines are made (the
    /// rest is summarised in a last line) so drawing a 64-bit-length frame stays cheap.
    public static func lines(
        _ bytes: [UInt8], bytesPerLine: Int = 16, maxLines: Int = .max, role: (Int) -> ThemeRole
    ) -> [StyledLine] {
        var result: [StyledLine] = []
        let perLine = max(1, bytesPerLine)
        var offset = 0
        while offset < bytes.count {
            if result.count == maxLines {
                result.append(StyledLine("… \(bytes.count - offset) more bytes", .hint))
                break
            }
            result.append(line(bytes, at: offset, bytesPerLine: perLine, role: role))
            offset += perLine
        }
        return result
    }

    private static func line(_ bytes: [UInt8], at offset: Int, bytesPerLine: Int, role: (Int) -> ThemeRole)
        -> StyledLine
    {
        var line = StyledLine()
        let hexOffset = String(offset, radix: 16)
        line.append(String(repeating: "0", count: max(0, 8 - hexOffset.count)) + hexOffset + "  ", .hexOffset)
        let end = min(bytes.count, offset + bytesPerLine)
        for column in 0..<bytesPerLine {
            if column == 8 { line.append(" ") }
            let index = offset + column
            if index < end {
                line.append(ByteFormat.hex(bytes[index]), role(index))
                line.append(" ")
            } else {
                line.append("   ")
            }
        }
        line.append(" |", .hexOffset)
        for index in offset..<end { line.append(ByteFormat.asciiGutter(bytes[index]), role(index)) }
        line.append("|", .hexOffset)
        return line
    }
}
