import Foundation

/// Formats record times as `HH:mm:ss.SSS` wall-clock time, which is what a person compares against server logs.
public struct ClockFormat: Sendable {
    private let calendar: Calendar

    /// Creates a formatter for a time zone (the local one by default; tests pin one).
    public init(timeZone: TimeZone = .current) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// `HH:mm:ss.SSS`; milliseconds are truncated, not rounded, so 0.9996 s never shows as the next second.
    public func string(from date: Date) -> String {
        let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
        let seconds = date.timeIntervalSince1970
        var millis = Int(((seconds - seconds.rounded(.down)) * 1000).rounded(.down))
        millis = min(999, max(0, millis))
        return two(parts.hour ?? 0) + ":" + two(parts.minute ?? 0) + ":" + two(parts.second ?? 0) + "."
            + (millis < 10 ? "00" : millis < 100 ? "0" : "") + String(millis)
    }

    private func two(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }
}
