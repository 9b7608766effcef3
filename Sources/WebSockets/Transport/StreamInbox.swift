import DequeModule
import NIOConcurrencyHelpers

/// The event sink behind `WebSocketStream`: it settles `opened` and `closed`, and holds received messages for
/// the reader with a byte-counted high-water mark.
///
/// When the bytes waiting for the reader reach the high-water mark it tells the handler to stop (`readyForMore`
/// answers `false`), so the handler stops parsing and reading and TCP pushes back on the server. Once the reader
/// has brought the buffer down to the low-water mark (half the high), the ready hook resumes the handler. A
/// reader already waiting is handed a message directly, without buffering.
final class StreamInbox: EventSink {
    private struct State {
        var messages = Deque<WebSocketStream.Message>()
        var bufferedBytes = 0
        /// Set when the handler was told to stop; cleared when the ready hook runs.
        var stalled = false
        var reader: CheckedContinuation<WebSocketStream.Message?, any Error>?
        /// How the readable ends: nil while the connection lives.
        var end: Result<Void, WebSocketError>?
        /// Set once the application closed: later messages are dropped so the closing handshake can finish.
        var discarding = false
        var error: WebSocketError?
        var readyHook: (@Sendable () -> Void)?
    }

    private let state = NIOLockedValueBox(State())
    private let highWaterMark: Int
    private let lowWaterMark: Int

    /// Settled by the `open` event, or failed by a `close` that comes first.
    let opened = OneShot<OpenEvent>()
    /// Settled by the `close` event.
    let closed = OneShot<WebSocketStream.CloseInfo>()

    init(highWaterMark: Int) {
        self.highWaterMark = max(1, highWaterMark)
        self.lowWaterMark = self.highWaterMark / 2
    }

    /// Bytes of received messages waiting for the reader.
    var bufferedBytes: Int { state.withLockedValue { $0.bufferedBytes } }

    // MARK: EventSink

    func emit(_ event: WebSocketEvent) {
        switch event {
        case .open(let open):
            opened.settle(.success(open))
        case .message(let message):
            deliver(WebSocketStream.Message(message.data))
        case .pong:
            break
        case .error(let error):
            state.withLockedValue { $0.error = error.error }
        case .close(let close):
            end(close)
        }
    }

    func readyForMore() -> Bool {
        state.withLockedValue { s in
            if s.discarding || s.bufferedBytes < highWaterMark { return true }
            s.stalled = true
            return false
        }
    }

    var staysReadyOnceReady: Bool { false }

    func onReady(_ hook: @escaping @Sendable () -> Void) { state.withLockedValue { $0.readyHook = hook } }

    private func deliver(_ message: WebSocketStream.Message) {
        // Buffered even when a reader waits: it is woken once at the end of the batch (`batchEnded`), so a flood
        // costs one task switch per read rather than one per message.
        state.withLockedValue { s in
            guard !s.discarding else { return }
            s.messages.append(message)
            s.bufferedBytes += message.byteCount
        }
    }

    func batchEnded() {
        state.withLockedValue { wakeReader(&$0) }?()
    }

    /// Takes the waiting reader if there is something for it, returning the call that resumes it (made after the
    /// lock is released).
    private func wakeReader(_ s: inout State) -> (() -> Void)? {
        guard let reader = s.reader else { return nil }
        if let message = s.messages.popFirst() {
            s.reader = nil
            s.bufferedBytes -= message.byteCount
            var hook: (@Sendable () -> Void)?
            if s.stalled && s.bufferedBytes <= lowWaterMark {
                s.stalled = false
                hook = s.readyHook
            }
            return { [hook] in
                reader.resume(returning: message)
                hook?()
            }
        }
        guard let end = s.end else { return nil }
        s.reader = nil
        return { reader.resume(with: end.map { nil }.mapError { $0 }) }
    }

    private func end(_ close: CloseEvent) {
        let (wake, error) = state.withLockedValue { s -> ((() -> Void)?, WebSocketError) in
            let error = s.error ?? WebSocketError(.connectionLost, close.reason, closeCode: close.code)
            s.end = close.wasClean ? .success(()) : .failure(error)
            return (wakeReader(&s), error)
        }
        wake?()
        opened.settle(.failure(error))
        let outcome: Result<WebSocketStream.CloseInfo, any Error> =
            close.wasClean ? .success(WebSocketStream.CloseInfo(closeCode: close.code, reason: close.reason)) : .failure(error)
        closed.settle(outcome)
    }

    // MARK: Application side

    /// Stops buffering: messages that arrive from now on are dropped (the application closed).
    func discardFurtherMessages() {
        let hook = state.withLockedValue { s -> (@Sendable () -> Void)? in
            s.discarding = true
            guard s.stalled else { return nil }
            s.stalled = false
            return s.readyHook
        }
        hook?()
    }

    /// The next message, `nil` after a clean close; throws the connection's `WebSocketError` after an unclean one.
    func next() async throws -> WebSocketStream.Message? {
        // The common case under load: a message is already waiting, and no continuation is needed.
        if let ready = take() { return try ready.get() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                if let ready = take(orWaitWith: continuation) { continuation.resume(with: ready) }
            }
        } onCancel: {
            state.withLockedValue { s in
                defer { s.reader = nil }
                return s.reader
            }?.resume(throwing: CancellationError())
        }
    }

    private typealias Outcome = Result<WebSocketStream.Message?, any Error>

    /// A buffered message or the end; otherwise registers `continuation` (when given) as the reader and returns
    /// nil. Taking a message may bring the buffer down to the low-water mark, which resumes the handler.
    private func take(orWaitWith continuation: CheckedContinuation<WebSocketStream.Message?, any Error>? = nil) -> Outcome? {
        let (outcome, hook) = state.withLockedValue { s -> (Outcome?, (@Sendable () -> Void)?) in
            if let message = s.messages.popFirst() {
                s.bufferedBytes -= message.byteCount
                guard s.stalled && s.bufferedBytes <= lowWaterMark else { return (.success(message), nil) }
                s.stalled = false
                return (.success(message), s.readyHook)
            }
            if let end = s.end { return (end.map { nil }.mapError { $0 }, nil) }
            guard let continuation else { return (nil, nil) }
            if Task.isCancelled { return (.failure(CancellationError()), nil) }
            if s.reader != nil {
                return (.failure(WebSocketAPIError(.invalidState, "the readable is already being read by another task")), nil)
            }
            s.reader = continuation
            return (nil, nil)
        }
        hook?()
        return outcome
    }
}
