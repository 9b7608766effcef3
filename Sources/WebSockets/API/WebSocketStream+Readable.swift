extension WebSocketStream {
    /// The received messages, in order, as an async sequence with one reader at a time. It ends after a clean
    /// close and throws the connection's `WebSocketError` after an unclean one.
    public struct Readable: AsyncSequence, Sendable {
        /// A received message.
        public typealias Element = Message

        let inbox: StreamInbox

        /// Creates an iterator. Each iterator takes messages from the shared queue a batch at a time, so two
        /// concurrent readers would split the messages in runs; use one.
        public func makeAsyncIterator() -> Iterator { Iterator(inbox: inbox) }

        /// Reads the next message; waiting for it does not block a thread.
        public struct Iterator: AsyncIteratorProtocol {
            let inbox: StreamInbox
            private var batch = StreamInbox.Batch()

            init(inbox: StreamInbox) { self.inbox = inbox }

            /// The next message, or nil after a clean close.
            ///
            /// Runs on the caller's executor (`nonisolated(nonsending)`): taking a buffered message is then a plain
            /// call, with no switch to the generic executor and back for every message.
            nonisolated(nonsending)
            public mutating func next() async throws -> Message? {
                if batch.messages.isEmpty {
                    guard let fresh = try await inbox.nextBatch() else { return nil }
                    batch = fresh
                }
                let message = batch.messages.removeFirst()
                // Once the batch is handed out it no longer counts as buffered: one report per batch, not per
                // message, and none for a message a waiting reader took straight from the connection.
                if batch.messages.isEmpty && batch.countedBytes > 0 {
                    // With nothing new, the emptied batch is kept rather than replaced: freeing its storage here, in
                    // the middle of a flood, made glibc trim its heap (an `madvise` per batch) and cost a 4 KiB flood
                    // on the connection's executor a third of its rate.
                    if let next = inbox.consumed(batch.countedBytes) { batch = next } else { batch.countedBytes = 0 }
                }
                return message
            }
        }
    }
}
