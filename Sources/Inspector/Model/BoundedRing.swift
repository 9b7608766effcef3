/// A fixed-capacity FIFO that overwrites its oldest element when full, addressed by absolute positions that keep
/// counting up, so a position stays valid (or visibly gone) as older elements fall off the front.
struct BoundedRing<Element> {
    /// The most elements kept.
    let capacity: Int
    private var storage: [Element] = []
    /// Where the oldest element sits in `storage` once the ring has filled up.
    private var head = 0
    /// The absolute position of the oldest element still held.
    private(set) var startIndex = 0

    /// How many elements' room is reserved at the first append. Growing by doubling copied every element at each
    /// step and wrote each step's array into fresh pages: in the inspector's 1 M flood, over half of the UI
    /// thread's page faults. A reservation's pages cost no memory until written, so the room up to the capacity
    /// is taken at once; past this many elements (a log capacity above the default) the rest still grows.
    static var upFrontReservation: Int { 1 << 17 }

    init(capacity: Int) {
        precondition(capacity > 0, "a ring needs room for at least one element")
        self.capacity = capacity
    }

    /// One past the absolute position of the newest element.
    var endIndex: Int { startIndex + storage.count }
    /// Elements held.
    var count: Int { storage.count }
    /// Whether `position` is still held.
    func contains(_ position: Int) -> Bool { position >= startIndex && position < endIndex }

    /// The element at an absolute position, which must be held.
    subscript(position: Int) -> Element {
        storage[(head + position - startIndex) % capacity]
    }

    /// Appends an element; returns `true` when the oldest one was overwritten to make room.
    @discardableResult
    mutating func append(_ element: consuming Element) -> Bool {
        if storage.count < capacity {
            if storage.isEmpty { storage.reserveCapacity(min(capacity, Self.upFrontReservation)) }
            storage.append(element)
            return false
        }
        storage[head] = element
        head = (head + 1) % capacity
        startIndex += 1
        return true
    }

    /// Forgets every element; positions keep counting from where they were.
    mutating func removeAll() {
        startIndex = endIndex
        storage.removeAll(keepingCapacity: true)
        head = 0
    }
}

extension BoundedRing: Sendable where Element: Sendable {}
