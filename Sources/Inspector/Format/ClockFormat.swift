import Foundation

/// Formats record times as `HH:mm:ss.SSS` wall-clock time, which is what a person compares against server logs.
///
/// The calendar is consulted once per wall-clock second and the `HH:mm:ss.` prefix reused for every record in
/// that second: under a flood the calendar, not the bytes, was the cost of each `--dump` line.
///
/// Local time comes from the C library (`localtime_r`), not from `Calendar`: on Linux, Foundation's first use of
/// the local time zone loads ICU's time-zone data, a visible part of a `--dump` launch (PROFILE.md).
package struct ClockFormat: Sendable {
    /// The calendar of a pinned time zone; `nil` for the system's local time.
    private let calendar: Calendar?
    private let cache = SecondCache()

    /// Creates a formatter for the system's local time (as the C library reads it, `TZ` included).
    package init() {
        calendar = nil
    }

    /// Creates a formatter for a given time zone (tests pin one).
    package init(timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// `HH:mm:ss.SSS`; milliseconds are truncated, not rounded, so 0.9996 s never shows as the next second (only a
    /// time within a microsecond below the next millisecond is read as it).
    package func string(from date: Date) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(12)
        append(date, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `HH:mm:ss.SSS` (twelve ASCII bytes) to `out`; `--dump` builds its lines as bytes.
    package func append(_ date: Date, to out: inout [UInt8]) {
        let seconds = date.timeIntervalSince1970
        let whole = seconds.rounded(.down)
        // Within a microsecond of the next millisecond counts as it: a time written as 1796378404.26 is stored as
        // …404.2599999, which would otherwise show as .259.
        let millis = min(999, max(0, Int(((seconds - whole) * 1000 + 0.001).rounded(.down))))
        cache.appendPrefix(for: Int(whole), to: &out) {
            let (hour, minute, second) = clockTime(of: date, second: Int(whole))
            var prefix: [UInt8] = []
            for value in [hour, minute] {
                ASCIIDigits.append(value, width: 2, to: &prefix)
                prefix.append(UInt8(ascii: ":"))
            }
            ASCIIDigits.append(second, width: 2, to: &prefix)
            prefix.append(UInt8(ascii: "."))
            return prefix
        }
        ASCIIDigits.append(millis, width: 3, to: &out)
    }

    /// Hour, minute and second of the wall clock at `date` (whose whole seconds since 1970 are `second`).
    private func clockTime(of date: Date, second: Int) -> (Int, Int, Int) {
        if let calendar {
            let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
            return (parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
        }
        var time = time_t(second)
        var local = tm()
        guard localtime_r(&time, &local) != nil else { return (0, 0, 0) }
        return (Int(local.tm_hour), Int(local.tm_min), Int(local.tm_sec))
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
