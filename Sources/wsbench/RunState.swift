import Dispatch

/// What one run records while it goes, shared between the main thread and the WebSocket's callbacks.
///
/// `@unchecked Sendable` is safe here because no field is ever accessed from two threads at once: the callbacks
/// that write it are delivered by the library one at a time, in order, on the connection's event loop; the main
/// thread writes only `start` (sink) before it sends and reads the rest only after `done.wait()` returns, and a
/// semaphore's signal happens-before the wait it releases. A lock here would add a cost the peers do not pay.
final class RunState: @unchecked Sendable {
    var count = 0
    var bytes = 0
    var start: UInt64 = 0
    var end: UInt64 = 0
    var sentAt: UInt64 = 0
    var samples: [UInt64] = []
    var extensions = ""
    var error: String?
    private var finished = false

    /// Signalled once when the connection opens (or fails before opening).
    let opened = DispatchSemaphore(value: 0)
    /// Signalled once when the measured part ends, successfully or not.
    let done = DispatchSemaphore(value: 0)
    /// Signalled once by the close event.
    let closed = DispatchSemaphore(value: 0)

    /// Ends the measured part (first call only), recording the end time and any error.
    func finish(error: String? = nil) {
        guard !finished else { return }
        finished = true
        end = nowNanoseconds()
        self.error = error
        done.signal()
    }
}
