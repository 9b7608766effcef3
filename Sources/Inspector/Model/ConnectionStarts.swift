import Foundation

/// When each connection of the log began (its handshake request), so the time column can count from it; the
/// newest ``limit`` are kept, since `--reconnect` may reconnect without end.
package struct ConnectionStarts: Sendable, Hashable {
    /// Starts kept; a row of an older connection counts from the oldest kept.
    package static let limit = 1024

    private var times: [Date] = []

    /// Creates an empty list.
    package init() {}

    /// Notes a connection starting at `time` (times come in order; one out of order is put in its place).
    package mutating func add(_ time: Date) {
        if let last = times.last, time < last {
            times.insert(time, at: times.firstIndex { $0 > time } ?? times.endIndex)
        } else {
            times.append(time)
        }
        if times.count > Self.limit { times.removeFirst(times.count - Self.limit) }
    }

    /// Starts held.
    package var count: Int { times.count }

    /// The start of the connection `time` belongs to: the latest start at or before it, else the oldest kept
    /// (a row from before the first handshake the log saw); `nil` before any.
    package func start(for time: Date) -> Date? {
        var low = 0
        var high = times.count
        while low < high {
            let middle = (low + high) / 2
            if times[middle] <= time { low = middle + 1 } else { high = middle }
        }
        return low > 0 ? times[low - 1] : times.first
    }
}
