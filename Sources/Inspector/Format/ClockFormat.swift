import Foundation

/// Formats record times as `HH:mm:ss.SSS` wall-clock time, which is what a person compares against server logs.
///
/// The calendar is consulted once per wall-clock second and the `HH:mm:ss.` prefix reused for every record in
/// that second: under a flood the calendar, not the bytes, was the cost of each `--dump` line.
public struct ClockFormat: Sendable {
    private let calendar: Calendar
    private let cache = SecondCache()

    /// Creates a formatter for a time zone (the local one by default; tests pin one).
    public init(timeZone: TimeZone = .current) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// `HH:mm:ss.SSS`; milliseconds are truncated, not rounded, so 0.9996 s never shows as the next second.
    public func string(from date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        let whole = seconds.rounded(.down)
        var millis = Int(((seconds - whole) * 1000).rounded(.down))
        millis = min(999, max(0, millis))
        let prefix = cache.prefix(for: Int(whole)) {
            let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
            return two(parts.hour ?? 0) + ":" + two(parts.minute ?? 0) + ":" + two(parts.second ?? 0) + "."
        }
        return prefix + (millis < 10 ? "00" : millis < 100 ? "0" : "") + String(millis)
    }

    private func two(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }
}

/// The `HH:mm:ss.` text of the last second formatted.
///
/// `@unchecked Sendable` is safe: both stored properties are read and written only while `lock` is held.
private final class SecondCache: @unchecked Sendable {
    private let lock = NSLock()
    private var second = Int.min
    private var text = ""

    func prefix(for second: Int, make: () -> String) -> String {
        lock.lock()
        defer { lock.unlock() }
        if second != self.second {
            text = make()
            self.second = second
        }
        return text
    }
}
