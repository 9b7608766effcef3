import NIOCore

extension WebSocketStream.Writer {
    /// Queues a text message without waiting for it: the future completes once its frame has reached the socket
    /// and fails if the connection ends first; `nil` once closing has started. For the relay, which bounds what it
    /// has in flight itself and so need not suspend once per message as `write` does.
    package func enqueue(text: String) -> EventLoopFuture<Void>? {
        enqueue(.text(text))
    }

    /// Queues a binary message without waiting for it; see `enqueue(text:)`.
    package func enqueue(bytes: [UInt8]) -> EventLoopFuture<Void>? {
        enqueue(.bytes(bytes))
    }

    private func enqueue(_ message: PendingSend) -> EventLoopFuture<Void>? {
        let written = controller.eventLoop.makePromise(of: Void.self)
        switch controller.enqueue(message, written: written) {
        case .queued:
            return written.futureResult
        case .connecting, .closing:
            // Nothing was queued; settle the promise so NIO does not report it leaked.
            written.succeed()
            return nil
        }
    }
}
