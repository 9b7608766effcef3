extension WebSocketStream {
    /// The received messages, in order, as an async sequence with one reader at a time. It ends after a clean
    /// close and throws the connection's `WebSocketError` after an unclean one.
    public struct Readable: AsyncSequence, Sendable {
        /// A received message.
        public typealias Element = Message

        let inbox: StreamInbox

        /// Creates an iterator; iterators share one queue, so two concurrent readers split the messages.
        public func makeAsyncIterator() -> Iterator { Iterator(inbox: inbox) }

        /// Reads the next message; waiting for it does not block a thread.
        public struct Iterator: AsyncIteratorProtocol {
            let inbox: StreamInbox

            /// The next message, or nil after a clean close.
            public mutating func next() async throws -> Message? { try await inbox.next() }
        }
    }
}
