import NIOConcurrencyHelpers
import NIOCore

/// The event sink behind `WebSocketStream`: it settles `opened` and `closed`, and holds received messages for
/// the reader with a byte-counted high-water mark.
///
/// The counting follows WHATWG Streams: a message that a waiting reader takes is handed over, never buffered, and
/// a buffered message stops counting once the reader has handed it to the application. The reader takes messages a
/// batch at a time (everything buffered, under one lock) and reports the batch's counted bytes when it hands out
/// the batch's last message, taking the next batch under the same lock.
///
/// When the buffered bytes reach the high-water mark the inbox tells the handler to stop (`readyForMore` answers
/// `false`), so the handler stops parsing and reading and TCP pushes back on the server; once the reader has brought
/// the count down to the low-water mark (half the high), the ready hook resumes the handler. A waiting reader is
/// woken once per read batch (`batchEnded`), not once per message.
final class StreamInbox: EventSink {
    /// Messages handed to the reader together, with how many of their bytes count as buffered.
    struct Batch {
        var messages = PackedMessageQueue()
        /// Reported back through `consumed(_:)` once the last message is handed out.
        var countedBytes = 0
    }
    private typealias Reader = CheckedContinuation<Batch?, any Error>

    private struct State {
        var messages = PackedMessageQueue()
        /// The reader's last emptied batch, kept to become `messages` when the next batch is taken. A queue that
        /// started from nothing after every batch grew (allocated and copied) its way up again each time: about
        /// 250 instructions a message of a 16-byte flood on the connection's executor, mostly `malloc` and `memcpy`.
        var spare = PackedMessageQueue()
        /// The counted bytes among `messages`.
        var queuedBytes = 0
        /// Bytes buffered and not yet reported consumed: counted messages in the inbox and in the reader's batch.
        var bufferedBytes = 0
        /// Set when the handler was told to stop; cleared when the ready hook runs.
        var stalled = false
        var reader: Reader?
        /// How the readable ends: nil while the connection lives.
        var end: Result<Void, WebSocketError>?
        /// Set once the application closed: later messages are dropped so the closing handshake can finish.
        var discarding = false
        var error: WebSocketError?
        var readyHook: (@Sendable () -> Void)?
        /// Whether the reader last asked for messages from the connection's own thread (a task that prefers the
        /// stream's `taskExecutor`): messages are then packed up to a larger size (`PackedMessageQueue`).
        var readerOnLoop = false
    }

    private let state = NIOLockedValueBox(State())
    private let highWaterMark: Int
    private let lowWaterMark: Int
    private let eventLoop: any EventLoop

    /// Settled by the `open` event, or failed by a `close` that comes first.
    let opened = OneShot<OpenEvent>()
    /// Settled by the `close` event.
    let closed = OneShot<WebSocketStream.CloseInfo>()

    init(highWaterMark: Int, eventLoop: any EventLoop) {
        self.highWaterMark = max(1, highWaterMark)
        self.lowWaterMark = self.highWaterMark / 2
        self.eventLoop = eventLoop
    }

    /// Where the queue the connection fills keeps its packed bytes, and where the spare queue does: storage should go
    /// round in place, never be copied (tests check it with these).
    var queuedStorageAddress: UnsafeRawPointer? { state.withLockedValue { $0.messages.storageAddress } }
    var spareStorageAddress: UnsafeRawPointer? { state.withLockedValue { $0.spare.storageAddress } }

    /// Bytes of received messages the reader has not consumed yet.
    var bufferedBytes: Int { state.withLockedValue { $0.bufferedBytes } }

    // MARK: EventSink

    func emit(_ event: WebSocketEvent) {
        switch event {
        case .open(let open):
            opened.settle(.success(open))
        case .message(let message):
            _ = deliver(message)
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

    func onReady(_ hook: @escaping @Sendable () -> Void) { state.withLockedValue { $0.readyHook = hook } }

    func deliver(_ message: ReceivedMessage) -> Bool {
        switch message {
        case .event(let event): return deliver(event)
        case .utf8Text(let bytes): return enqueue(bytes, isText: true)
        }
    }

    private func deliver(_ event: MessageEvent) -> Bool {
        switch event.data {
        case .text(let text): return enqueue(Array(text.utf8), isText: true)
        case .bytes(let bytes): return enqueue(bytes, isText: false)
        case .data(let data): return enqueue(Array(data), isText: false)
        }
    }

    /// Text stays bytes until the reader takes it, so its `String` is made and freed on the reader's thread.
    var traits: SinkTraits { SinkTraits(takesTextAsUTF8: true) }

    /// Every message is wanted: the stream is the only consumer.
    func wantsMessages() -> Bool { true }

    private func enqueue(_ payload: [UInt8], isText: Bool) -> Bool {
        state.withLockedValue { s in
            if s.discarding { return true }
            // The first message since the reader began waiting is the reader's already: it is not counted. Counting
            // it stalled reading whenever one message reached the high-water mark and resumed it as soon as the
            // reader took it, which in an echo loop of 1 MiB messages cost two `epoll_ctl`, a wake-up and a read
            // per message. (The emptiness test comes first: it is cheap, and in a flood it is false for all but the
            // first message of a read, while looking at the optional continuation costs value-witness calls.)
            let handedOver = s.messages.isEmpty && s.reader != nil
            let limit = s.readerOnLoop ? PackedMessageQueue.packedLimitForLoopReader : PackedMessageQueue.packedLimit
            s.messages.append(payload, isText: isText, packingLimit: limit)
            if handedOver { return true }
            s.queuedBytes += payload.count
            s.bufferedBytes += payload.count
            if s.bufferedBytes < highWaterMark { return true }
            s.stalled = true
            return false
        }
    }

    func batchEnded() {
        var wake = state.withLockedValue { wakeReader(&$0) }
        wake?.resume()
    }

    /// A waiting reader and what it is resumed with, taken under the lock and resumed after it.
    private struct Wake {
        let reader: Reader
        var outcome: Outcome

        /// Resumes the reader, handing the outcome over rather than keeping a copy: a copy kept here could outlive
        /// the reader's run through the batch on another thread, and the batch's storage, shared, would be
        /// reallocated when the reader empties it (PROFILE.md).
        mutating func resume() {
            var handed: Outcome = .success(nil)
            swap(&handed, &outcome)
            reader.resume(with: consume handed)
        }
    }

    /// Takes the waiting reader if there is something for it; it is resumed after the lock is released.
    private func wakeReader(_ s: inout State) -> Wake? {
        guard let reader = s.reader, let outcome = takeAvailable(&s) else { return nil }
        s.reader = nil
        return Wake(reader: reader, outcome: outcome)
    }

    private func end(_ close: CloseEvent) {
        var (wake, error) = state.withLockedValue { s -> (Wake?, WebSocketError) in
            let error = s.error ?? WebSocketError(.connectionLost, close.reason, closeCode: close.code)
            s.end = close.wasClean ? .success(()) : .failure(error)
            return (wakeReader(&s), error)
        }
        wake?.resume()
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

    /// The next batch of messages; `nil` after a clean close; throws the connection's `WebSocketError` after an
    /// unclean one.
    nonisolated(nonsending)
        func nextBatch() async throws -> Batch?
    {
        let onLoop = eventLoop.inEventLoop
        // The common case under load: messages are already waiting, and no continuation is needed.
        let ready = state.withLockedValue { s in
            s.readerOnLoop = onLoop
            return takeAvailable(&s)
        }
        if let ready { return try ready.get() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: Reader) in
                if let ready = register(continuation) { continuation.resume(with: ready) }
            }
        } onCancel: {
            state.withLockedValue { s in
                defer { s.reader = nil }
                return s.reader
            }?.resume(throwing: CancellationError())
        }
    }

    /// The reader handed out the last message of `batch`: its counted bytes stop counting, which resumes the
    /// handler if that brings the count down to the low-water mark, and its storage is kept for the queue. Under the
    /// same lock `batch` is refilled with what has arrived since, if anything, so a reader that keeps up takes one
    /// lock per batch, not two.
    func consumed(_ batch: inout Batch) {
        let onLoop = eventLoop.inEventLoop
        let hook = state.withLockedValue { s -> (@Sendable () -> Void)? in
            s.readerOnLoop = onLoop
            s.bufferedBytes -= batch.countedBytes
            batch.countedBytes = 0
            swap(&s.spare, &batch.messages)
            if !s.messages.isEmpty { batch = takeMessages(&s) }
            return resumeIfDrained(&s)
        }
        hook?()
    }

    /// An iterator ended with `batch` part-way handed out (a reading loop broke): what it handed out stops counting,
    /// and the messages it never handed out go back to the front of the queue, counted again, so the next
    /// iterator reads on from there.
    func giveBack(_ batch: Batch) {
        let unread = batch.messages.byteCount
        var (wake, hook) = state.withLockedValue { s -> (Wake?, (@Sendable () -> Void)?) in
            s.messages.prepend(batch.messages)
            s.queuedBytes += unread
            s.bufferedBytes += unread - batch.countedBytes
            return (wakeReader(&s), resumeIfDrained(&s))
        }
        hook?()
        wake?.resume()
    }

    private typealias Outcome = Result<Batch?, any Error>

    /// Everything buffered, or the end; nil if neither.
    private func takeAvailable(_ s: inout State) -> Outcome? {
        if !s.messages.isEmpty { return .success(takeMessages(&s)) }
        if let end = s.end { return end.map { nil }.mapError { $0 } }
        return nil
    }

    /// Every buffered message; they stay counted until the reader reports them consumed. The queue goes on in the
    /// spare storage.
    private func takeMessages(_ s: inout State) -> Batch {
        var batch = Batch(countedBytes: s.queuedBytes)
        swap(&batch.messages, &s.messages)
        swap(&s.messages, &s.spare)
        s.queuedBytes = 0
        return batch
    }

    /// The ready hook, if the handler was stopped and the reader has brought the count down to the low-water mark.
    private func resumeIfDrained(_ s: inout State) -> (@Sendable () -> Void)? {
        guard s.stalled && s.bufferedBytes <= lowWaterMark else { return nil }
        s.stalled = false
        return s.readyHook
    }

    /// Registers the waiting reader, unless something arrived meanwhile or waiting is not allowed.
    private func register(_ continuation: Reader) -> Outcome? {
        state.withLockedValue { s in
            if let ready = takeAvailable(&s) { return ready }
            if Task.isCancelled { return .failure(CancellationError()) }
            if s.reader != nil {
                return .failure(WebSocketAPIError(.invalidState, "the readable is already being read by another task"))
            }
            s.reader = continuation
            return nil
        }
    }
}
