import NIOPosix
import Testing

@testable import WebSockets

/// The stream's inbox hands its message storage to the reader and takes it back, batch after batch; it must go
/// round in place, or a flood writes into fresh pages after every batch. This checks the round trip (it fails when
/// the emptied batch is not handed back). The copies that made emptying reallocate in release builds (a batch kept
/// alive in the iterator's local, or in the closure that woke the reader) do not show in a debug build, where this
/// runs; they were found and checked in release with a count of reallocations (Benchmarks/PROFILE.md).
@Suite("StreamInbox storage")
struct StreamInboxStorageTests {
    @Test("a one-message batch read through the iterator goes back to the inbox in the storage it was filled in")
    func oneMessageBatchKeepsItsStorage() async throws {
        let inbox = StreamInbox(highWaterMark: 1 << 20, eventLoop: MultiThreadedEventLoopGroup.singleton.next())
        var iterator = WebSocketStream.Readable(inbox: inbox).makeAsyncIterator()
        for round in 0..<3 {
            #expect(inbox.deliver(.utf8Text(Array("message \(round)".utf8))))
            let filled = inbox.queuedStorageAddress
            #expect(filled != nil)
            #expect(try await iterator.next() == .text("message \(round)"))
            #expect(inbox.spareStorageAddress == filled, "round \(round)")
        }
    }
}
