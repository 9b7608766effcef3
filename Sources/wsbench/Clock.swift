import Dispatch

/// Monotonic nanoseconds, cheap enough to read once per message.
@inline(__always)
func nowNanoseconds() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
