/// Messages and wire bytes per wall-clock second over the last minute, in one direction: a fixed ring of
/// ``slotCount`` one-second buckets, each stamped with the second it holds, so nothing grows and a bucket left
/// from a quiet minute ago is simply not counted.
///
/// Adding is a division-free index and two additions: it runs for every frame of a flood.
package struct RateRing: Sendable, Hashable {
    /// Buckets kept: a minute for the sparkline plus the second in progress, rounded up to a power of two.
    package static let slotCount = 64
    /// Seconds the sparkline covers.
    package static let historySeconds = 60

    private struct Bucket: Sendable, Hashable {
        var second = Int.min
        var messages = 0
        var bytes = 0
    }

    private var buckets = [Bucket](repeating: Bucket(), count: RateRing.slotCount)

    /// Creates an empty ring.
    package init() {}

    /// Counts `messages` and `bytes` in wall-clock second `second` (seconds since 1970). A second older than
    /// the one its bucket holds is past the ring and is not counted.
    package mutating func add(second: Int, messages: Int, bytes: Int) {
        let slot = second & (Self.slotCount - 1)
        if buckets[slot].second != second {
            guard second > buckets[slot].second else { return }
            buckets[slot] = Bucket(second: second)
        }
        buckets[slot].messages += messages
        buckets[slot].bytes += bytes
    }

    /// Messages and bytes counted in `second`, zero when its bucket holds another second.
    package func count(in second: Int) -> (messages: Int, bytes: Int) {
        let bucket = buckets[second & (Self.slotCount - 1)]
        return bucket.second == second ? (bucket.messages, bucket.bytes) : (0, 0)
    }

    /// Messages and bytes per second over the `window` seconds up to `now`: the whole seconds before it and the
    /// part of the current one gone by, so a burst shows at once and fades over the window.
    package func rate(at now: Double, window: Int = 5) -> (messages: Double, bytes: Double) {
        let current = Int(now.rounded(.down))
        var messages = 0
        var bytes = 0
        for second in (current - window + 1)...current {
            let counted = count(in: second)
            messages += counted.messages
            bytes += counted.bytes
        }
        let span = Double(window - 1) + max(0.001, now - Double(current))
        return (Double(messages) / span, Double(bytes) / span)
    }

    /// Messages in each of the ``historySeconds`` whole seconds before `now`'s, oldest first.
    package func messageHistory(before now: Double) -> [Int] {
        let current = Int(now.rounded(.down))
        return ((current - Self.historySeconds)..<current).map { count(in: $0).messages }
    }

    /// Whether anything was counted in the minute up to `now`.
    package func isActive(at now: Double) -> Bool {
        let current = Int(now.rounded(.down))
        return buckets.contains { $0.second > current - Self.historySeconds - 1 && $0.second <= current }
    }
}
