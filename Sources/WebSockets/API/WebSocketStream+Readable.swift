extension WebSocketStream {
    /// The received messages, in order, as an async sequence with one reader at a time. It ends after a clean
    /// close and throws the connection's `WebSocketError` after an unclean one.
    public struct Readable: AsyncSequence, Sendable {
        /// A received message.
        public typealias Element = Message

        let inbox: StreamInbox

        /// Creates an iterator. Each iterator takes messages from the shared queue a batch at a time, so two
        /// concurrent readers would split the messages in runs; use one. Reading in turns is fine: an iterator
        /// dropped part-way through a batch (a `for try await` loop that breaks) gives back what it did not hand
        /// out, and the next loop reads on from there.
        public func makeAsyncIterator() -> Iterator { Iterator(inbox: inbox) }

        /// Reads the next message; waiting for it does not block a thread.
        public struct Iterator: AsyncIteratorProtocol {
            private let hand: BatchInHand

            init(inbox: StreamInbox) { hand = BatchInHand(inbox: inbox) }

            /// Whether the next `next()` returns at once, from messages already taken off the connection: a relay
            /// writes what it forwarded only once this is false, so a flood goes out in batches, not one by one.
            package var hasBufferedMessages: Bool { !hand.batch.messages.isEmpty }

            /// The next message, or nil after a clean close.
            ///
            /// Runs on the caller's executor (`nonisolated(nonsending)`): taking a buffered message is then a plain
            /// call, with no switch to the generic executor and back for every message.
            nonisolated(nonsending)
                public mutating func next() async throws -> Message?
            {
                let hand = self.hand
                if hand.batch.messages.isEmpty {
                    guard let fresh = try await hand.inbox.nextBatch() else { return nil }
                    // Moved in, not copied: a copy left in `fresh` until this call returns made the batch's
                    // storage shared when a one-message batch was emptied just below, and emptying reallocated it.
                    hand.batch = consume fresh
                }
                let message = hand.batch.messages.removeFirst()
                // Once the batch is handed out it no longer counts as buffered: one report per batch, not per
                // message, and none for a message a waiting reader took straight from the connection.
                // The emptied batch goes back to the inbox, whose queue reuses its storage: freeing it here, in the
                // middle of a flood, made glibc trim its heap (an `madvise` per batch) and cost a 4 KiB flood on the
                // connection's executor a third of its rate.
                if hand.batch.messages.isEmpty && hand.batch.countedBytes > 0 {
                    hand.inbox.consumed(&hand.batch)
                }
                return message
            }
        }
    }
}

/// The batch an iterator is handing out, held by reference so that the iterator's end is seen: a loop that breaks
/// drops its iterator with part of a batch unread, and those messages go back to the inbox for the next loop
/// instead of being lost with it.
final class BatchInHand {
    let inbox: StreamInbox
    /// Unchecked for exclusivity: only the iterator that made this box (and copies of it) reaches it, always from its
    /// `mutating next()`, one call at a time, so no two accesses overlap; the dynamic check would cost every
    /// message two runtime calls.
    @exclusivity(unchecked) var batch = StreamInbox.Batch()

    init(inbox: StreamInbox) { self.inbox = inbox }

    deinit {
        if !batch.messages.isEmpty { inbox.giveBack(batch) }
    }
}
