/// The sorted absolute positions of the records that pass the filter: appended at the back as records arrive,
/// removed at the front as the ring drops them. Removal from the front is O(1) amortised (a moving start offset,
/// compacted once half the array is dead), which is what keeps a 100 000-record flood cheap.
struct PositionQueue: Sendable {
    private var positions: [Int] = []
    private var start = 0

    /// Positions held.
    var count: Int { positions.count - start }
    /// Whether none are held.
    var isEmpty: Bool { count == 0 }
    /// The position shown at row `row` (0 = oldest).
    subscript(row: Int) -> Int { positions[start + row] }
    /// The oldest position.
    var first: Int? { isEmpty ? nil : positions[start] }
    /// The newest position.
    var last: Int? { isEmpty ? nil : positions[positions.count - 1] }

    mutating func append(_ position: Int) { positions.append(position) }

    /// Removes leading positions below `position`; returns how many rows went.
    @discardableResult
    mutating func removeBefore(_ position: Int) -> Int {
        var removed = 0
        while start < positions.count, positions[start] < position {
            start += 1
            removed += 1
        }
        if start > 1024 && start * 2 > positions.count {
            positions.removeFirst(start)
            start = 0
        }
        return removed
    }

    /// Inserts `position` before row `row` (a message row whose preview came to match the filter).
    mutating func insert(_ position: Int, atRow row: Int) { positions.insert(position, at: start + row) }

    /// Removes row `row`.
    mutating func remove(atRow row: Int) { positions.remove(at: start + row) }

    mutating func removeAll() {
        positions.removeAll(keepingCapacity: true)
        start = 0
    }

    /// The row of the first position `>= position` (binary search; rows are sorted).
    func row(atOrAfter position: Int) -> Int {
        var low = start
        var high = positions.count
        while low < high {
            let mid = (low + high) / 2
            if positions[mid] < position { low = mid + 1 } else { high = mid }
        }
        return low - start
    }
}
