import Foundation
import Inspector

/// A queue of ``TerminalEvent``s that any thread may push into without blocking on the consumer, and that wakes
/// the UI thread through a pipe it can `poll()` alongside stdin.
///
/// Waking costs a `write(2)` on the producer and a context switch on the consumer, which under a flood of small
/// messages cost more than handling them. So the queue wakes the consumer only when it may be asleep:
///
/// - A push writes one byte to the pipe only when the consumer's last ``takeAll()`` found nothing, i.e. when it
///   may be blocked in `poll()` with nothing left to do.
/// - After a take that found something, the consumer counts as busy: producers stay silent, and the consumer must
///   come back by itself within ``busyPollMilliseconds`` (``pollTimeout(idle:)`` says how long it may sleep).
///
/// So a busy stream costs one take per millisecond at most, and an idle queue still wakes on the first event.
/// Nothing is ever dropped: the queue grows until the UI thread takes it (see ``setHighWaterMark(_:onHigh:onDrained:)``
/// for the producer's brake).
///
/// Not generic on purpose: a generic class used from another module runs unspecialised, and looking up the
/// array's metadata on every push was a measurable share of a flood. For the same reason wire events of small
/// frames wait packed (``PackedWireEvents``): their payloads are then allocated and freed on the UI thread alone.
///
/// `@unchecked Sendable` is safe here because every mutable stored property (the waiting slots and packed events,
/// the spares, `consumerBusy`, the high-water settings) is read and written only while `lock` is held, and the
/// pipe descriptors are immutable after `init` (`close()` is called once, by the owner, after producers have
/// stopped).
package final class WakeableQueue: @unchecked Sendable {
    /// The element type.
    package typealias Element = TerminalEvent

    /// How long a busy consumer may wait before it looks again; producers do not wake it meanwhile.
    package static let busyPollMilliseconds: Int32 = 1

    private let lock = NSLock()
    // What every push appends to is not checked for exclusive access at run time: every access is made holding
    // `lock`, and none nests in another, so the checks could never fire, and they cost a flood (PROFILE.md).
    /// What waits, in order; wire events of small frames wait packed in `packed`, a run of them per slot.
    @exclusivity(unchecked) private var slots: [TakenEvents.Slot] = []
    @exclusivity(unchecked) private var packed = PackedWireEvents()
    /// Events waiting, packed ones included.
    @exclusivity(unchecked) private var waiting = 0
    /// Storage a consumer gave back (``recycle(_:)``), emptied, for the next take to hand the producers: so a flood
    /// does not grow new arrays from nothing after every take.
    private var spareSlots: [TakenEvents.Slot] = []
    private var sparePacked = PackedWireEvents()
    /// Whether the consumer's last take found something, so it will look again without being woken (or a wake
    /// byte is already in the pipe).
    private var consumerBusy = false
    private let readEnd: Int32
    private let writeEnd: Int32
    private var highWaterMark = Int.max
    private var aboveHighWater = false
    private var onHighWater: (@Sendable () -> Void)?
    private var onDrained: (@Sendable () -> Void)?

    /// The descriptor the UI thread polls for `POLLIN`.
    package var wakeDescriptor: Int32 { readEnd }

    /// Creates the queue and its pipe; throws if the system has no descriptors left.
    package init() throws {
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
    /// thread falls behind. Set it before producers start. Both run under the queue's lock, so they must not push
    /// into this queue.
    package func setHighWaterMark(
        _ high: Int, onHigh: @escaping @Sendable () -> Void, onDrained: @escaping @Sendable () -> Void
    ) {
        lock.lock()
        highWaterMark = high
        onHighWater = onHigh
        self.onDrained = onDrained
        lock.unlock()
    }

    /// Appends an element and wakes the UI thread if it may be asleep.
    package func push(_ element: Element) {
        lock.lock()
        if case .session(let event) = element, packed.append(event) {
            countPacked()
        } else {
            slots.append(.event(element))
        }
        pushed()
    }

    /// Appends a connection's event and wakes the UI thread if it may be asleep. A wire event of a small frame is
    /// packed straight from the event given, without first being wrapped in a ``TerminalEvent``, which copies it.
    package func push(_ event: consuming SessionEvent) {
        lock.lock()
        if packed.append(event) {
            countPacked()
        } else {
            slots.append(.event(.session(event)))
        }
        pushed()
    }

    /// Counts an event just packed in the run of packed events at the end of the slots (held under `lock`).
    private func countPacked() {
        if case .packedRun(let count)? = slots.last {
            slots[slots.count - 1] = .packedRun(count: count + 1)
        } else {
            slots.append(.packedRun(count: 1))
        }
    }

    /// Finishes a push made holding `lock`: counts it, releases the lock, and wakes the consumer if it may be asleep.
    private func pushed() {
        waiting += 1
        let mustWake = !consumerBusy
        consumerBusy = true
        if !aboveHighWater && waiting >= highWaterMark {
            aboveHighWater = true
            // Under the lock: called after it, the pause could land after the UI thread had taken everything and
            // resumed, and hold the connection for good with nothing left to drain.
            onHighWater?()
        }
        lock.unlock()
        if mustWake { wake() }
    }

    /// Wakes the consumer, if it may be asleep, without queueing anything: for work it does on its own account,
    /// such as writing out what another thread left in a shared buffer.
    package func nudge() {
        lock.lock()
        let mustWake = !consumerBusy
        consumerBusy = true
        lock.unlock()
        if mustWake { wake() }
    }

    /// Takes everything queued so far, oldest first (read it with ``TakenEvents/next()``).
    ///
    /// The pipe is emptied *before* the items are taken, so a byte written for an item taken here cannot cause a
    /// spurious wake later. An empty take marks the consumer idle under the lock: a producer that pushes after it
    /// sees that and writes a fresh byte, so no element is ever left behind without a wake-up. A non-empty take
    /// marks it busy: it must call again within ``pollTimeout(idle:)``.
    package func takeAll() -> TakenEvents {
        var sink = [UInt8](repeating: 0, count: 64)
        while read(readEnd, &sink, sink.count) > 0 {}
        var takenSlots: [TakenEvents.Slot] = []
        var takenPacked = PackedWireEvents()
        lock.lock()
        // Swapped, never copied, so the taken storage and the spares stay uniquely held and are refilled in place.
        swap(&takenSlots, &slots)
        swap(&slots, &spareSlots)
        swap(&takenPacked, &packed)
        swap(&packed, &sparePacked)
        let taken = TakenEvents(slots: takenSlots, packed: takenPacked, count: waiting)
        waiting = 0
        consumerBusy = taken.count > 0
        // Under the lock, for the order of pause and resume (see `push`).
        if aboveHighWater { onDrained?() }
        aboveHighWater = false
        lock.unlock()
        return taken
    }

    /// Gives back the storage of events taken earlier, once they have all been read, for the producers to fill
    /// again: a flood then reuses two sets of arrays instead of growing new ones after every take.
    /// `taken` is left empty.
    package func recycle(_ taken: inout TakenEvents) {
        var (slots, packed) = taken.moveStorage()
        // Emptied here, on the consumer's thread and outside the lock.
        slots.removeAll(keepingCapacity: true)
        packed.removeAll()
        lock.lock()
        swap(&spareSlots, &slots)
        swap(&sparePacked, &packed)
        lock.unlock()
    }

    /// How long the consumer may block in `poll()` now: `idle` (negative: forever) after an empty take, since a
    /// push will wake it, else at most ``busyPollMilliseconds``, since pushes stay silent while it is busy.
    package func pollTimeout(idle: Int32) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        guard consumerBusy else { return idle }
        return idle < 0 ? Self.busyPollMilliseconds : min(idle, Self.busyPollMilliseconds)
    }

    private func wake() {
        var byte: UInt8 = 1
        // EAGAIN means the pipe already holds bytes, which wakes the reader just as well.
        while write(writeEnd, &byte, 1) < 0 && errno == EINTR {}
    }
}
