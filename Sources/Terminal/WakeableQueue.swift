import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A queue that any thread may push into without blocking on the consumer, and that wakes the UI thread through
/// a pipe it can `poll()` alongside stdin.
///
/// Pushing takes a lock only long enough to append, and writes one byte to the pipe only when the queue goes from
/// "nothing to collect" to "something to collect", so a flood of 100 000 events costs one `write(2)` per UI frame,
/// not one per event. Nothing is ever dropped: the queue grows until the UI thread takes it.
///
/// `@unchecked Sendable` is safe here because every mutable stored property (`items`, `armed`, the high-water
/// settings) is read and written
/// only while `lock` is held, and the pipe descriptors are immutable after `init` (`close()` is called once, by the
/// owner, after producers have stopped).
public final class WakeableQueue<Element: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Element] = []
    /// Whether a wake byte is already in the pipe (or the UI is known to be about to collect).
    private var armed = false
    private let readEnd: Int32
    private let writeEnd: Int32
    private var highWaterMark = Int.max
    private var aboveHighWater = false
    private var onHighWater: (@Sendable () -> Void)?
    private var onDrained: (@Sendable () -> Void)?

    /// The descriptor the UI thread polls for `POLLIN`.
    public var wakeDescriptor: Int32 { readEnd }

    /// Creates the queue and its pipe; throws if the system has no descriptors left.
    public init() throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            throw TerminalError("cannot create the UI wake pipe: \(String(cString: strerror(errno)))")
        }
        for fd in fds {
            // Non-blocking both ways: a producer must never stall on a full pipe, the consumer never on an empty one.
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// Calls `onHigh` (on the pushing thread) when `high` elements are waiting, and `onDrained` (on the UI thread)
    /// once they have been taken: the producer's way to stop and start, so the queue stays bounded when the UI
    /// thread falls behind. Set it before producers start.
    public func setHighWaterMark(
        _ high: Int, onHigh: @escaping @Sendable () -> Void, onDrained: @escaping @Sendable () -> Void
    ) {
        lock.lock()
        highWaterMark = high
        onHighWater = onHigh
        self.onDrained = onDrained
        lock.unlock()
    }

    /// Appends an element and wakes the UI thread if it is not already due to look.
    public func push(_ element: Element) {
        lock.lock()
        items.append(element)
        let mustWake = !armed
        armed = true
        var crossed: (@Sendable () -> Void)?
        if !aboveHighWater && items.count >= highWaterMark {
            aboveHighWater = true
            crossed = onHighWater
        }
        lock.unlock()
        if mustWake { wake() }
        crossed?()
    }

    /// Takes everything queued so far, oldest first.
    ///
    /// The pipe is emptied *before* the items are taken: a producer that pushes after the swap finds `armed` false
    /// and writes a fresh byte, so its element is never left behind without a wake-up.
    public func takeAll() -> [Element] {
        var sink = [UInt8](repeating: 0, count: 64)
        while read(readEnd, &sink, sink.count) > 0 {}
        lock.lock()
        let taken = items
        items = []
        armed = false
        let drained = aboveHighWater ? onDrained : nil
        aboveHighWater = false
        lock.unlock()
        drained?()
        return taken
    }

    private func wake() {
        var byte: UInt8 = 1
        // EAGAIN means the pipe already holds bytes, which wakes the reader just as well.
        while write(writeEnd, &byte, 1) < 0 && errno == EINTR {}
    }
}
