import Foundation
import Testing
import WebSocketCore

@testable import Inspector

/// Text that changes layout (combining marks, joiners, wide and ambiguous-width characters, emoji with modifiers,
/// flags, bidi overrides) must not move the columns of the log: every row keeps its time, name and size columns
/// where the others have them, the preview starts at the same cell, and each row is exactly the screen's width.
/// Expected widths are written out from the Unicode tables (UAX #11, UTS #51), not computed by the code under test.
@Suite struct LayoutUnicodeTests {
    /// A sample, and the columns a terminal gives it (wcwidth as glibc and xterm have it).
    static let samples: [(name: String, text: String, columns: Int)] = [
        ("ascii", "plain", 5),
        ("combining marks", "e\u{0301}\u{0302}\u{0303}x", 2),
        ("zalgo", "Z\u{0351}\u{0352}\u{0353}\u{0354}\u{0355}\u{0356}a", 2),
        ("wide CJK", "漢字かな", 8),
        ("ambiguous width", "①αβ", 3),
        ("ZWJ family", "👨\u{200D}👩\u{200D}👧\u{200D}👦", 2),
        ("skin tone", "👍🏽", 2),
        ("flag", "🇯🇵", 2),
        ("zero-width space and joiner", "a\u{200B}b\u{200D}c", 3),
        ("Hangul jamo", "\u{1100}\u{1161}\u{11A8}", 2),
        ("fullwidth letters", "ＡＢ", 4),
    ]

    private func state() -> InspectorState {
        var state = InspectorState()
        for sample in Self.samples {
            let payload = Array("<<\(sample.text)>>".utf8)
            let header = FrameHeader(opcode: .text, payloadLength: UInt64(payload.count))
            state.log.append(.frame(Frame(header: header, payload: payload)), direction: .received, time: fixedTime)
        }
        // A bidi override is escaped, so it cannot reorder what follows it on the row.
        let bidi = Array("<<abc\u{202E}def>>".utf8)
        state.log.append(
            .frame(Frame(header: FrameHeader(opcode: .text, payloadLength: UInt64(bidi.count)), payload: bidi)),
            direction: .received, time: fixedTime)
        return state
    }

    /// The cell where `marker` starts on `row`, counting a wide character's two cells.
    private func column(of marker: String, row: Int, in grid: GridCanvas) -> Int? {
        let cells = grid.cells[row].map(\.text)
        let needle = Array(marker).map(String.init)
        guard cells.count >= needle.count else { return nil }
        for start in 0...(cells.count - needle.count) where Array(cells[start..<start + needle.count]) == needle {
            return start
        }
        return nil
    }

    @Test("every row keeps its columns, and each sample takes the cells a terminal gives it")
    func columnsStayAligned() throws {
        let grid = render(state(), rows: 30, cols: 100)
        expectGridIsInert(grid)
        let rows = (0..<grid.size.rows).filter {
            column(of: "<<", row: $0, in: grid) != nil && column(of: "12:00:00.125", row: $0, in: grid) != nil
        }
        try #require(rows.count == Self.samples.count + 1)
        let starts = Set(rows.compactMap { column(of: "<<", row: $0, in: grid) })
        #expect(starts.count == 1, "previews start at cells \(starts.sorted())")
        let times = Set(rows.compactMap { column(of: "12:00:00.125", row: $0, in: grid) })
        #expect(times.count == 1)
        let names = Set(rows.compactMap { column(of: "TEXT", row: $0, in: grid) })
        #expect(names.count == 1)
        for (row, sample) in zip(rows, Self.samples) {
            let start = try #require(column(of: "<<", row: row, in: grid))
            let end = try #require(column(of: ">>", row: row, in: grid), "\(sample.name): no end marker")
            #expect(end - start - 2 == sample.columns, "\(sample.name) took \(end - start - 2) cells")
        }
        let bidiRow = try #require(rows.last)
        #expect(grid.rowText(bidiRow).contains("<<abc<U+202E>def>>"))
    }

    @Test("narrow screens cut the samples without breaking a row's width", arguments: [40, 57, 61, 80])
    func narrowScreens(cols: Int) {
        var walking = state()
        for _ in 0..<walking.log.rowCount {
            expectGridIsInert(render(walking, rows: 20, cols: cols))
            _ = walking.perform(.selectPrevious)
        }
        _ = walking.perform(.openDetail)
        expectGridIsInert(render(walking, rows: 20, cols: cols))
    }
}
