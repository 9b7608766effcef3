/// A search through the detail view's lines (`/`, `?`, `n`, `N` while it is open), in slices like the log's: a
/// document of a large payload has hundreds of thousands of lines, made only as they are looked at.
struct DetailSearchScan: Sendable {
    let pattern: SearchPattern
    let direction: SearchDirection
    /// The line at the top of the view when the search began: looked at last, after going round.
    private let origin: Int
    private var cursor: Int
    private var wrapped = false
    private(set) var slowCount = 0

    init(pattern: SearchPattern, direction: SearchDirection, from top: Int) {
        self.pattern = pattern
        self.direction = direction
        origin = top
        cursor = direction == .forward ? top + 1 : top - 1
    }

    /// Looks at up to `lineBudget` lines of `document`.
    mutating func advance(in document: DetailDocument, lineBudget: Int, matchBudget: SearchBudget) -> SearchStep {
        let total = document.lineCount
        guard total > 0 else { return .notFound }
        var left = max(1, lineBudget)
        while left > 0 {
            if cursor < 0 || cursor >= total {
                guard !wrapped else { return .notFound }
                wrapped = true
                cursor = direction == .forward ? 0 : total - 1
            }
            if wrapped && (direction == .forward ? cursor > origin : cursor < origin) { return .notFound }
            // A chunk of lines in the direction of travel, made in one go.
            let chunk = min(left, 256)
            let start = direction == .forward ? cursor : max(0, cursor - chunk + 1)
            let lines = document.lines(from: start, count: cursor - start + (direction == .forward ? chunk : 1))
            let order = direction == .forward ? Array(lines.indices) : lines.indices.reversed()
            for index in order {
                let line = start + index
                if wrapped && (direction == .forward ? line > origin : line < origin) { return .notFound }
                left -= 1
                cursor = direction == .forward ? line + 1 : line - 1
                switch pattern.firstMatch(in: lines[index].text, budget: matchBudget) {
                case .found: return .found(line, wrapped: wrapped)
                case .tooSlow: slowCount += 1
                case .notFound: break
                }
            }
            if lines.isEmpty { cursor = direction == .forward ? total : -1 }
        }
        return .running
    }
}
