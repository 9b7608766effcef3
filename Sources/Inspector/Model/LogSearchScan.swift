/// Which way a search goes: `/` and `n` after it go forward (down the log), `?` backward; `N` reverses.
package enum SearchDirection: Sendable, Hashable {
    /// Towards newer rows, or further down a document.
    case forward
    /// Towards older rows, or further up a document.
    case backward

    /// The other way (`N`).
    package var reversed: SearchDirection { self == .forward ? .backward : .forward }
}

/// How a slice of a search ended.
enum SearchStep: Sendable, Hashable {
    /// The slice's budget is spent; call again.
    case running
    /// A match at this row (or document line); `wrapped` when the search went round the end to get there.
    case found(Int, wrapped: Bool)
    /// Every row (or line) was looked at once.
    case notFound
}

/// A search through the log's rows, done in slices so a search over 100 000 large records never holds the UI
/// thread for more than a slice. It walks ring positions rather than row numbers, so records arriving or being
/// dropped between slices do not throw it off; it goes round the end once (as vim does) and stops where it began.
struct LogSearchScan: Sendable {
    let pattern: SearchPattern
    let direction: SearchDirection
    /// The ring position of the row the search started from: looked at last, after going round.
    private let origin: Int?
    /// The next ring position to look at.
    private var cursor: Int
    private var wrapped = false
    /// Rows the pattern was cut off on (too slow), and the first few of their ids for the report.
    private(set) var slowCount = 0
    private(set) var slowIDs: [UInt64] = []
    /// Whether credentials are searched (`--show-secrets`); hidden ones are not, as they are not shown.
    private let showsSecrets: Bool

    /// A search from the selected row (or from the end when nothing is selected).
    init(pattern: SearchPattern, direction: SearchDirection, in log: LogModel, showsSecrets: Bool = false) {
        self.pattern = pattern
        self.direction = direction
        self.showsSecrets = showsSecrets
        origin = log.selectedRow.map { log.rows[$0] }
        switch direction {
        case .forward: cursor = (origin ?? (log.rows.last ?? 0)) + 1
        case .backward: cursor = (origin ?? ((log.rows.last ?? 0) + 1)) - 1
        }
    }

    /// Looks at rows until one matches, all were seen, or about `byteBudget` bytes of payload were read.
    mutating func advance(in log: LogModel, byteBudget: Int, matchBudget: SearchBudget) -> SearchStep {
        var spent = 0
        while spent < byteBudget {
            guard let row = nextRow(in: log) else { return .notFound }
            let position = log.rows[row]
            let item = log.item(atRow: row)
            spent += item.searchCost
            cursor = direction == .forward ? position + 1 : position - 1
            switch pattern.firstMatch(in: item.searchText(showsSecrets: showsSecrets), budget: matchBudget) {
            case .found: return .found(row, wrapped: wrapped)
            case .tooSlow:
                slowCount += 1
                if slowIDs.count < 3 { slowIDs.append(item.firstRecord.id) }
                // It spent its whole budget: let keys have their turn before the next record.
                return .running
            case .notFound: break
            }
        }
        return .running
    }

    /// The next row to look at, going round the end once; `nil` when the search is back where it began.
    private mutating func nextRow(in log: LogModel) -> Int? {
        let rows = log.rows
        guard !rows.isEmpty else { return nil }
        var row = direction == .forward ? rows.row(atOrAfter: cursor) : rows.row(atOrAfter: cursor + 1) - 1
        if row < 0 || row >= rows.count {
            guard !wrapped else { return nil }
            wrapped = true
            row = direction == .forward ? 0 : rows.count - 1
        }
        if wrapped, let origin {
            let position = rows[row]
            if direction == .forward ? position > origin : position < origin { return nil }
        }
        return row
    }

    /// `regex too slow on 2 rows (#5, #9), skipped`, when it was.
    var slowReport: String? {
        guard slowCount > 0 else { return nil }
        let ids = slowIDs.map { "#\($0)" }.joined(separator: ", ") + (slowCount > slowIDs.count ? ", …" : "")
        return "regex too slow on \(slowCount) row\(slowCount == 1 ? "" : "s") (\(ids)), skipped"
    }
}
