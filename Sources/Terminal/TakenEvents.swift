import Inspector

/// The events one ``WakeableQueue/takeAll()`` took, oldest first, read once: each is moved out as it is read, and
/// packed wire events are made into frames only then, on the reading thread.
///
/// Give it back with ``WakeableQueue/recycle(_:)`` once read, so the producers can reuse its storage.
package struct TakenEvents: Sequence, IteratorProtocol {
    /// A queued event, or a run of events waiting packed.
    enum Slot {
        case event(TerminalEvent)
        case packedRun(count: Int)
    }

    private var slots: [Slot]
    private var slotIndex = 0
    private var packed: PackedWireEvents
    private var cursor = PackedWireEvents.Cursor()
    /// Packed events left in the run being read.
    private var runLeft = 0
    /// Events not read yet.
    package private(set) var count: Int

    init(slots: [Slot], packed: PackedWireEvents, count: Int) {
        self.slots = slots
        self.packed = packed
        self.count = count
    }

    /// Nothing taken.
    package init() { self.init(slots: [], packed: PackedWireEvents(), count: 0) }

    /// Whether every event has been read.
    package var isEmpty: Bool { count == 0 }

    /// Moves the next event out; `nil` once all have been read.
    package mutating func next() -> TerminalEvent? {
        while count > 0 {
            if runLeft > 0, let event = packed.next(&cursor) {
                runLeft -= 1
                count -= 1
                return .session(event)
            }
            guard slotIndex < slots.count else { break }
            // Moved out, leaving a placeholder that holds no references: copying each event out would cost a
            // retain and a release per event of a flood.
            var slot = Slot.packedRun(count: 0)
            swap(&slot, &slots[slotIndex])
            slotIndex += 1
            switch consume slot {
            case .event(let event):
                count -= 1
                return event
            case .packedRun(let length):
                runLeft = length
            }
        }
        return nil
    }

    /// Moves the storage out, for the queue to reuse, leaving nothing taken. Swapped out rather than returned from
    /// a `consuming` method: a caller's variable that still held a copy made the queue's emptying reallocate the
    /// packed store, a fresh 1.4 MB of pages faulted in after every take of a flood.
    mutating func moveStorage() -> ([Slot], PackedWireEvents) {
        var movedSlots: [Slot] = []
        var movedPacked = PackedWireEvents()
        swap(&movedSlots, &slots)
        swap(&movedPacked, &packed)
        slotIndex = 0
        cursor = PackedWireEvents.Cursor()
        runLeft = 0
        count = 0
        return (movedSlots, movedPacked)
    }

    /// Where the packed events' bytes are stored, to show in tests that recycled storage is reused in place.
    var packedStorageAddress: UnsafeRawPointer? { packed.storageAddress }
}
