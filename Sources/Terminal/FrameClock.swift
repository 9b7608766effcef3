import Dispatch

/// Decides when to redraw: at most `framesPerSecond` times a second, and only when something changed. However
/// many events arrive in between, they cost one redraw per frame.
struct FrameClock {
    /// The shortest time between two frames.
    let interval: UInt64
    private var lastFrame: UInt64 = 0
    /// Whether something changed since the last frame.
    private(set) var isDirty = true
    /// Frames drawn so far (reported with `WSINSPECT_FRAME_STATS`).
    private(set) var framesDrawn = 0

    init(framesPerSecond: Int) {
        interval = 1_000_000_000 / UInt64(max(1, framesPerSecond))
    }

    /// Nanoseconds on a monotonic clock.
    static var now: UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Notes a change that needs drawing.
    mutating func invalidate() { isDirty = true }

    /// Whether a frame should be drawn now.
    func isDue(at now: UInt64) -> Bool { isDirty && now &- lastFrame >= interval }

    /// Records that a frame was drawn.
    mutating func didDraw(at now: UInt64) {
        lastFrame = now
        isDirty = false
        framesDrawn += 1
    }

    /// How long `poll()` may sleep, in milliseconds: until the next frame if one is pending, else `idle`.
    func pollTimeout(at now: UInt64, idle: Int32) -> Int32 {
        guard isDirty else { return idle }
        let elapsed = now &- lastFrame
        if elapsed >= interval { return 0 }
        // Round up so we never wake a little early and spin.
        return Int32((interval - elapsed + 999_999) / 1_000_000)
    }
}
