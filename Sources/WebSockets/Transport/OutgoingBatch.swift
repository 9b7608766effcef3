import NIOCore
import WebSocketCore

/// Frames encoded back to back for one `write`, with what the write's completion must settle.
struct OutgoingBatch {
    /// Past this many bytes a batch is written before the next message is encoded.
    static let writeThreshold = 256 << 10
    /// A masked payload larger than this is masked and written a piece of this size at a time, each flushed at
    /// once, so the server reads the first piece while the rest is still being masked instead of waiting for all
    /// of it (sizes measured in PROFILE.md).
    static let pieceSize = 256 << 10

    /// The encoded frames.
    var buffer: ByteBuffer
    /// The application's payload bytes in it, to take off `bufferedAmount` once written.
    var applicationBytes = 0
    /// Writers waiting for these frames to reach the socket.
    var waiting: [EventLoopPromise<Void>] = []

    init(allocator: ByteBufferAllocator, expected: Int) {
        buffer = allocator.buffer(capacity: expected)
    }

    /// A batch sized for these messages' frames up to the write threshold, so encoding them never grows the buffer
    /// (a guessed size cost a reallocation per small send).
    init(allocator: ByteBufferAllocator, for messages: some Sequence<Int>) {
        var expected = 0
        for byteCount in messages {
            expected += FrameHeader.largestEncodedSize + byteCount
            if expected >= Self.writeThreshold { break }
        }
        self.init(allocator: allocator, expected: min(expected, Self.writeThreshold + FrameHeader.largestEncodedSize))
    }
}
