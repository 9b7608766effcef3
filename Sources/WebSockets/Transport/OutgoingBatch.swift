import NIOCore

/// Frames encoded back to back for one `write`, with what the write's completion must settle.
struct OutgoingBatch {
    /// Past this many bytes a batch is written before the next message is encoded.
    static let writeThreshold = 256 << 10

    /// The encoded frames.
    var buffer: ByteBuffer
    /// The application's payload bytes in it, to take off `bufferedAmount` once written.
    var applicationBytes = 0
    /// Writers waiting for these frames to reach the socket.
    var waiting: [EventLoopPromise<Void>] = []

    init(allocator: ByteBufferAllocator, expected: Int) {
        buffer = allocator.buffer(capacity: expected)
    }
}
