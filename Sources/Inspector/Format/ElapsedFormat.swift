import Foundation

/// Time gone by, as the status bar counts it while connecting.
package enum ElapsedFormat {
    /// ` 4.2 s` since `start`, in tenths (empty without a start): a hanging server shows as a count that keeps
    /// going up, so the user sees something is being waited for.
    package static func count(since start: Date?, now: Date) -> String {
        guard let start else { return "" }
        let tenths = max(0, Int((now.timeIntervalSince(start) * 10).rounded(.down)))
        return " \(tenths / 10).\(tenths % 10) s"
    }
}
