/// A fixed-capacity FIFO that overwrites its oldest element when full, addressed by absolute positions that keep
/// counting up, so a position stays valid (or visibly gone) as older elements fall off the front. The oldest
/// elements can also be removed early (the log does so to stay within its memory budget).
struct BoundedRing<Element> {
    /// The most elements kept.
    let capacity: Int
    /// The slots, grown up to `capacity`; a slot is `nil` once its element was removed, so its memory goes with it.
    private var storage: [Element?] = []
    /// The slot of the oldest element.
    private var head = 0
    /// Elements held.
    private(set) var count = 0
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
    var endIndex: Int { startIndex + count }
    /// Whether `position` is still held.
    func contains(_ position: Int) -> Bool { position >= startIndex && position < endIndex }

    /// The element at an absolute position, which must be held.
    subscript(position: Int) -> Element {
        storage[(head + position - startIndex) % storage.count]!
    }

    /// The oldest element, if any.
    var first: Element? { count == 0 ? nil : storage[head] }

    /// Appends an element; returns the oldest one when it was overwritten to make room (moved out, not copied).
    @discardableResult
    mutating func append(_ element: consuming Element) -> Element? {
        if count == capacity {
            let oldest = storage[head].take()
            storage[head] = element
            head = (head + 1) % capacity
            startIndex += 1
            return oldest
        }
        if count < storage.count {
            // A slot freed by `removeFirst()`.
            storage[(head + count) % storage.count] = element
        } else {
            if storage.isEmpty { storage.reserveCapacity(min(capacity, Self.upFrontReservation)) }
            // Growing appends at the end, so the elements must start at slot 0 first (only after removals).
            if head != 0 {
                storage = Array(storage[head...] + storage[..<head])
                head = 0
            }
            storage.append(element)
        }
        count += 1
        return nil
    }

    /// Removes and returns the oldest element, which must exist.
    @discardableResult
    mutating func removeFirst() -> Element {
        precondition(count > 0, "removeFirst on an empty ring")
        let element = storage[head]!
        storage[head] = nil
        head = (head + 1) % storage.count
        count -= 1
        startIndex += 1
        return element
    }

    /// Forgets every element; positions keep counting from where they were.
    mutating func removeAll() {
        startIndex = endIndex
        storage.removeAll(keepingCapacity: true)
        head = 0
        count = 0
    }
}

extension BoundedRing: Sendable where Element: Sendable {}
