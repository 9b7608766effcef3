/// Marks matches of the search pattern on lines about to be drawn: in text as it is shown (escaped), and in a hex
/// dump's ASCII column only, so a pattern never lights up offsets or hex digits.
package enum SearchHighlight {
    /// `line` with every match of `pattern` in its spans from `firstSpan` on redrawn as ``ThemeRole/searchMatch``.
    /// A pattern too slow on the line (see ``SearchBudget``) marks nothing.
    package static func apply(
        _ pattern: SearchPattern, to line: StyledLine, fromSpan firstSpan: Int = 0,
        budget: SearchBudget = SearchBudget()
    ) -> StyledLine {
        guard firstSpan < line.spans.count else { return line }
        let text = line.spans[firstSpan...].map(\.text).joined()
        let ranges = pattern.ranges(in: text, budget: budget)
        guard !ranges.isEmpty else { return line }
        let marked = ranges.map {
            text.utf8.distance(from: text.startIndex, to: $0.lowerBound)..<text.utf8.distance(from: text.startIndex, to: $0.upperBound)
        }
        var result = StyledLine(Array(line.spans[..<firstSpan]))
        var offset = 0
        for span in line.spans[firstSpan...] {
            let bytes = Array(span.text.utf8)
            var cuts = [0, bytes.count]
            for range in marked {
                let edges = [range.lowerBound - offset, range.upperBound - offset]
                cuts += edges.filter { $0 > 0 && $0 < bytes.count }
            }
            cuts = Array(Set(cuts)).sorted()
            for (start, end) in zip(cuts, cuts.dropFirst()) where end > start {
                let isMatch = marked.contains { $0.contains(offset + start) }
                result.append(String(decoding: bytes[start..<end], as: UTF8.self), isMatch ? .searchMatch : span.role)
            }
            offset += bytes.count
        }
        return result
    }

    /// The indices in `range` of the bytes whose ASCII-column characters are part of a match. The text looked at
    /// reaches `context` bytes either side, so a match across a dump line's edge still marks its part of the line.
    static func gutterMatches(
        _ pattern: SearchPattern, count: Int, byte: (Int) -> UInt8, range: Range<Int>,
        context: Int = 64, budget: SearchBudget = SearchBudget()
    ) -> Set<Int> {
        let start = max(0, range.lowerBound - context)
        let end = min(count, range.upperBound + context)
        guard start < end else { return [] }
        let ascii = (start..<end).map { (0x20...0x7E).contains(byte($0)) ? byte($0) : UInt8(ascii: ".") }
        let gutter = String(decoding: ascii, as: UTF8.self)
        var matched = Set<Int>()
        // The gutter is ASCII, so a character's UTF-8 offset is its byte's offset.
        for found in pattern.ranges(in: gutter, limit: 256, budget: budget) {
            let lower = gutter.utf8.distance(from: gutter.startIndex, to: found.lowerBound)
            let upper = gutter.utf8.distance(from: gutter.startIndex, to: found.upperBound)
            for index in (start + lower)..<(start + upper) where range.contains(index) { matched.insert(index) }
        }
        return matched
    }
}
