import DequeModule
import WebSocketCore

/// Received messages in arrival order for `WebSocketStream`: small ones packed as frames in a `PackedFrames` (why:
/// see there), made into a `String` or an array only when the reader takes them, on the reader's thread.
struct PackedMessageQueue {
    /// Messages up to this size are packed: above it, packing only adds a copy.
    static let packedLimit = PackedFrames.crossThreadPackingLimit
    /// Messages up to this size are packed when the reader runs on the connection's own thread: there, arrays of a
    /// whole high-water mark allocated and then freed by one thread made glibc trim and re-fault its heap, and reused
    /// storage avoids that (figures in Benchmarks/PROFILE.md).
    static let packedLimitForLoopReader = 64 << 10

    private enum Entry {
        /// The next frame of `packed`.
        case packed
        /// The next of `whole`.
        case whole(isText: Bool)
    }

    private var entries: [Entry] = []
    private var packed = PackedFrames()
    private var whole = Deque<[UInt8]>()
    /// The first entry and packed frame not yet taken.
    private var entryIndex = 0
    private var cursor = PackedFrames.Cursor()
    /// Payload bytes of the packed messages not yet taken.
    private var packedBytes = 0

    /// Where the packed bytes are stored (nil before any storage exists), to check that storage is reused in place.
    var storageAddress: UnsafeRawPointer? { packed.storageAddress }

    /// Whether every message has been taken.
    var isEmpty: Bool { entryIndex == entries.count }

    /// Appends a message: a text one as its UTF-8 bytes, already checked to be valid. Messages of up to
    /// `packingLimit` bytes are packed.
    mutating func append(_ payload: [UInt8], isText: Bool, packingLimit: Int = packedLimit) {
        if payload.count > packingLimit {
            whole.append(payload)
            entries.append(.whole(isText: isText))
        } else {
            payload.withUnsafeBytes { packed.appendMessage(isText ? .text : .binary, payload: $0) }
            packedBytes += payload.count
            entries.append(.packed)
        }
    }

    /// Takes the first message; the queue must not be empty. Once the last is taken the storage is kept for reuse.
    mutating func removeFirst() -> WebSocketStream.Message {
        let entry = entries[entryIndex]
        entryIndex += 1
        var message = WebSocketStream.Message.binary([])
        switch entry {
        case .packed:
            _ = packed.withNextPayload(&cursor) { opcode, payload in
                message = opcode == .text ? .text(String(decoding: payload, as: UTF8.self)) : .binary(Array(payload))
                packedBytes -= payload.count
            }
        case .whole(let isText):
            let payload = whole.removeFirst()
            message = isText ? .text(String(decoding: payload, as: UTF8.self)) : .binary(payload)
        }
        if isEmpty { removeAll() }
        return message
    }

    /// Empties the queue, keeping its storage.
    mutating func removeAll() {
        entries.removeAll(keepingCapacity: true)
        packed.removeAll()
        whole.removeAll(keepingCapacity: true)
        entryIndex = 0
        cursor = PackedFrames.Cursor()
        packedBytes = 0
    }

    /// The payload bytes of the messages not yet taken.
    var byteCount: Int {
        packedBytes + whole.reduce(0) { $0 + $1.count }
    }

    /// Puts the messages not yet taken of `front` before this queue's (a reader that stopped part-way gives its
    /// batch back).
    mutating func prepend(_ front: PackedMessageQueue) {
        var merged = PackedMessageQueue()
        merged.appendRemaining(of: front)
        merged.appendRemaining(of: self)
        self = merged
    }

    /// Appends the messages of `other` not yet taken, as they are stored.
    private mutating func appendRemaining(of other: PackedMessageQueue) {
        var otherCursor = other.cursor
        var wholeIndex = other.whole.startIndex
        for entry in other.entries[other.entryIndex...] {
            switch entry {
            case .packed:
                _ = other.packed.withNextPayload(&otherCursor) { opcode, payload in
                    packed.appendMessage(opcode, payload: payload)
                    packedBytes += payload.count
                }
            case .whole:
                whole.append(other.whole[wholeIndex])
                wholeIndex += 1
            }
            entries.append(entry)
        }
    }
}
