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
        var bytes: [UInt8] = []
        bytes.reserveCapacity(12)
        append(date, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `HH:mm:ss.SSS` (twelve ASCII bytes) to `out`; `--dump` builds its lines as bytes.
    public func append(_ date: Date, to out: inout [UInt8]) {
        let seconds = date.timeIntervalSince1970
        let whole = seconds.rounded(.down)
        let millis = min(999, max(0, Int(((seconds - whole) * 1000).rounded(.down))))
        cache.appendPrefix(for: Int(whole), to: &out) {
            let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
            var prefix: [UInt8] = []
            for value in [parts.hour ?? 0, parts.minute ?? 0] {
                ASCIIDigits.append(value, width: 2, to: &prefix)
                prefix.append(UInt8(ascii: ":"))
            }
            ASCIIDigits.append(parts.second ?? 0, width: 2, to: &prefix)
            prefix.append(UInt8(ascii: "."))
            return prefix
        }
        ASCIIDigits.append(millis, width: 3, to: &out)
    }
}

/// The `HH:mm:ss.` bytes of the last second formatted.
///
/// `@unchecked Sendable` is safe: both stored properties are read and written only while `lock` is held.
private final class SecondCache: @unchecked Sendable {
    private let lock = NSLock()
    private var second = Int.min
    private var prefix: [UInt8] = []

    func appendPrefix(for second: Int, to out: inout [UInt8], make: () -> [UInt8]) {
        lock.lock()
        defer { lock.unlock() }
        if second != self.second {
            prefix = make()
            self.second = second
        }
        out.append(contentsOf: prefix)
    }
}
