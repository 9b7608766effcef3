import NIOCore

/// The promise of one batch write, made before the write itself, and what its completion settles: the
/// application's bytes to take off `bufferedAmount`, and the writers waiting for their frames to reach the socket.
///
/// Making a promise and hanging a callback on it is not free, so the handler makes the next one right after a
/// flush, while the peer is working: a reply written from a message callback does not pay for it on the path a
/// round trip waits on (PROFILE.md).
final class WriteCompletion {
    /// Passed to the write; NIO completes it once the bytes are in the socket, or fails it.
    let promise: EventLoopPromise<Void>
    /// The application's payload bytes in the write.
    var applicationBytes = 0
    /// Writers waiting for the write to reach the socket.
    var waiting: [EventLoopPromise<Void>] = []

    /// Makes the promise; must run on `eventLoop`. A completion that is never used must still be completed.
    init(eventLoop: any EventLoop, shared: WebSocketShared) {
        promise = eventLoop.makePromise(of: Void.self)
        promise.futureResult.assumeIsolated().whenComplete { result in
            shared.state.withLockedValue { s in
                s.bufferedAmount -= self.applicationBytes
                if case .failure = result { s.lostSends = true }
            }
            for writer in self.waiting { writer.completeWith(result) }
        }
    }
}
