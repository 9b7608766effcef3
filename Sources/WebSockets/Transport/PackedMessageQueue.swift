import DequeModule
import WebSocketCore

/// Received messages in arrival order for `WebSocketStream`, with the small ones packed into one byte array and made
/// into a `String` or an array only when the reader takes them, on the reader's thread (why: see `PackedFrames`).
///
/// Not built on `PackedFrames`: a message needs no frame head, and packing one as a frame measured slower and
/// larger (Benchmarks/PROFILE.md).
struct PackedMessageQueue {
    /// Messages up to this size are packed (see `PackedFrames.crossThreadPackingLimit`: above it, packing only
    /// added a copy).
    static let packedLimit = PackedFrames.crossThreadPackingLimit
    /// Messages up to this size are packed when the reader runs on the connection's own thread: there, arrays of a
    /// whole high-water mark allocated and then freed by one thread made glibc trim and re-fault its heap, and reused
    /// storage avoids that (figures in Benchmarks/PROFILE.md).
    static let packedLimitForLoopReader = 64 << 10

    private enum Entry {
        case packed(count: Int, isText: Bool)
        /// The next of `whole`.
        case whole(isText: Bool)
    }

    private var entries: [Entry] = []
    private var bytes: [UInt8] = []
    private var whole = Deque<[UInt8]>()
    /// The first entry and byte not yet taken.
    private var entryIndex = 0
    private var byteIndex = 0

    /// Where the packed bytes are stored (nil before any storage exists), to check that storage is reused in place.
    var storageAddress: UnsafeRawPointer? { bytes.withUnsafeBytes { $0.baseAddress } }

    /// Whether every message has been taken.
    var isEmpty: Bool { entryIndex == entries.count }

    /// Appends a message: a text one as its UTF-8 bytes, already checked to be valid. Messages of up to
    /// `packingLimit` bytes are packed.
    mutating func append(_ payload: [UInt8], isText: Bool, packingLimit: Int = packedLimit) {
        if payload.count > packingLimit {
            whole.append(payload)
            entries.append(.whole(isText: isText))
        } else {
            bytes.append(contentsOf: payload)
            entries.append(.packed(count: payload.count, isText: isText))
        }
    }

    /// Takes the first message; the queue must not be empty. Once the last is taken the storage is kept for reuse.
    mutating func removeFirst() -> WebSocketStream.Message {
        let entry = entries[entryIndex]
        entryIndex += 1
        let message: WebSocketStream.Message
        switch entry {
        case .packed(let count, let isText):
            let range = byteIndex..<byteIndex + count
            byteIndex += count
            message = bytes.withUnsafeBufferPointer { all in
                let payload = UnsafeBufferPointer(rebasing: all[range])
                return isText ? .text(String(decoding: payload, as: UTF8.self)) : .binary(Array(payload))
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
        bytes.removeAll(keepingCapacity: true)
        whole.removeAll(keepingCapacity: true)
        entryIndex = 0
        byteIndex = 0
    }

    /// The payload bytes of the messages not yet taken.
    var byteCount: Int {
        bytes.count - byteIndex + whole.reduce(0) { $0 + $1.count }
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
        var byte = other.byteIndex
        var wholeIndex = other.whole.startIndex
        for entry in other.entries[other.entryIndex...] {
            switch entry {
            case .packed(let count, _):
                bytes.append(contentsOf: other.bytes[byte..<byte + count])
                byte += count
            case .whole:
                whole.append(other.whole[wholeIndex])
                wholeIndex += 1
            }
            entries.append(entry)
        }
    }
}
