import Foundation

extension WebSocketStream {
    /// Sends messages. Each `write` returns once its frame has been handed to the socket, so awaiting it is the
    /// send-side backpressure; it throws at once after closing has started, and throws a `WebSocketError` if the
    /// connection ends before the frame could be written.
    public struct Writer: Sendable {
        let controller: ConnectionController

        // The writes run on the caller's executor (`nonisolated(nonsending)`), so a write costs one suspension, on
        // its promise, and not also a switch to the generic executor and back.

        /// Sends a text message.
        nonisolated(nonsending)
            public func write(_ text: String) async throws
        { try await write(.text(text)) }

        /// Sends a binary message.
        nonisolated(nonsending)
            public func write(_ bytes: [UInt8]) async throws
        { try await write(.bytes(bytes)) }

        /// Sends a binary message.
        nonisolated(nonsending)
            public func write(_ data: Data) async throws
        { try await write(.data(data)) }

        nonisolated(nonsending)
            private func write(_ message: PendingSend) async throws
        {
            let written = controller.eventLoop.makePromise(of: Void.self)
            switch controller.enqueue(message, written: written) {
            case .queued:
                do {
                    try await written.futureResult.get()
                } catch let error as WebSocketError {
                    throw error
                } catch {
                    // NIO fails writes still queued when the channel closes.
                    throw WebSocketError(.connectionLost, "message not sent: the connection closed before it reached the socket")
                }
            case .connecting, .closing:
                // Nothing was queued; settle the promise so NIO does not report it leaked.
                written.succeed()
                throw WebSocketAPIError(.invalidState, "write() after the stream started closing")
            }
        }
    }
}
