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

    /// Queues a message in frames of `frameSizes` bytes of it each, in order, without waiting for it (see
    /// `enqueue(text:)`): how the relay keeps the fragmentation a message arrived with on its other leg.
    package func enqueue(text: String, frameSizes: [Int]) -> EventLoopFuture<Void>? {
        enqueue(.fragments(.text, Array(text.utf8), frameSizes: frameSizes))
    }

    /// Queues a binary message in frames of `frameSizes` bytes each; see `enqueue(text:frameSizes:)`.
    package func enqueue(bytes: [UInt8], frameSizes: [Int]) -> EventLoopFuture<Void>? {
        enqueue(.fragments(.binary, bytes, frameSizes: frameSizes))
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
