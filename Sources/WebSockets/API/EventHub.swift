import NIOConcurrencyHelpers
import NIOCore
import Synchronization

/// The callbacks a `WebSocket` calls, one per event type.
struct EventCallbacks: Sendable {
    var onopen: (@Sendable (OpenEvent) -> Void)?
    var onmessage: (@Sendable (MessageEvent) -> Void)?
    var onpong: (@Sendable (PongEvent) -> Void)?
    var onerror: (@Sendable (ErrorEvent) -> Void)?
    var onclose: (@Sendable (CloseEvent) -> Void)?

    func invoke(_ event: WebSocketEvent) {
        switch event {
        case .open(let e): onopen?(e)
        case .message(let e): onmessage?(e)
        case .pong(let e): onpong?(e)
        case .error(let e): onerror?(e)
        case .close(let e): onclose?(e)
        }
    }
}

/// An immutable set of callbacks, shared by reference.
final class CallbackSnapshot: Sendable {
    let value: EventCallbacks
    init(_ value: EventCallbacks) { self.value = value }
}

/// Delivers a connection's events, in order, to its callbacks and its event sequence.
///
/// Events are produced on the connection's event loop and delivered there, one at a time, so no two callbacks run
/// concurrently. Until the first consumer attaches (the `events` sequence is touched or a callback is set), events
/// are retained, and the attach schedules their delivery on the event loop rather than running it inside the
/// caller; so a consumer that subscribes right after `init` sees every event from the first.
final class EventHub: EventSink {
    private struct State {
        var retained: [WebSocketEvent] = []
        var consumerAttached = false
        var flushPending = false
        /// Set by `pause()`: messages stop until `resume()`.
        var paused = false
        /// Set when the handler was told to stop; the ready hook runs when that ends.
        var stalled = false
        var finished = false
        /// Replaced whole on every change, so `emit` takes one reference instead of copying five closures.
        var callbacks = CallbackSnapshot(EventCallbacks())
        var stream: AsyncStream<WebSocketEvent>?
        var continuation: AsyncStream<WebSocketEvent>.Continuation?
    }

    private let state = NIOLockedValueBox(State())
    private let eventLoop: any EventLoop

    init(eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    /// Called on the event loop once retained events have been delivered to the first consumer, so the
    /// connection can resume reading (it holds incoming frames until someone listens).
    private let attachedHook = NIOLockedValueBox<(@Sendable () -> Void)?>(nil)

    /// Text comes as strings: callbacks run on the event loop, so there is no other thread to make them on.
    var traits: SinkTraits { SinkTraits() }

    /// Emits the message and answers whether more may follow (not once the application paused).
    func deliver(_ received: ReceivedMessage) -> Bool {
        let message =
            switch received {
            case .event(let event): event
            case .utf8Text(let bytes): MessageEvent(data: .text(String(decoding: bytes, as: UTF8.self)))
            }
        let (callbacks, ready): (CallbackSnapshot?, Bool) = state.withLockedValue { s in
            let ready = !s.paused
            if !ready { s.stalled = true }
            if !s.consumerAttached || s.flushPending {
                s.retained.append(.message(message))
                return (nil, ready)
            }
            s.continuation?.yield(.message(message))
            return (s.callbacks, ready)
        }
        // Straight to `onmessage`: wrapping every message of a flood in a `WebSocketEvent` only to switch on it
        // again cost a copy (a retain and release) per message.
        callbacks?.value.onmessage?(message)
        // A `pause()` made inside the callback stops what follows.
        return ready && readyForMore()
    }

    /// Whether a message event would reach anyone: nobody has attached yet (events are retained for the first
    /// consumer), the retained ones are still being handed over, or an `onmessage` callback or the event sequence
    /// is there. Read once per read batch, so a listener added mid-batch hears from the next batch on.
    func wantsMessages() -> Bool { messagesWanted.load(ordering: .relaxed) }

    /// Mirrors ``wantsMessages()`` for the event loop; updated under the lock whenever its inputs change.
    private let messagesWanted = Atomic<Bool>(true)

    private func updateMessagesWanted(_ s: State) {
        let wanted = !s.consumerAttached || s.flushPending || s.continuation != nil || s.callbacks.value.onmessage != nil
        messagesWanted.store(wanted, ordering: .relaxed)
    }

    /// Callbacks run per event; nothing waits for the end of a batch.
    func batchEnded() {}

    /// Sets the hook run after the first consumer has received the retained events.
    func onReady(_ hook: @escaping @Sendable () -> Void) { attachedHook.withLockedValue { $0 = hook } }

    /// Whether a consumer is attached, has been given every retained event, and has not paused. Callbacks and
    /// the unbounded event sequence never push back beyond that; `WebSocketStream` is the API with receive
    /// backpressure. While events flow this is two atomic loads; otherwise it is decided under the lock, so that a
    /// `resume()` racing with it sees `stalled`.
    func readyForMore() -> Bool {
        if attachedAndFlushed.load(ordering: .relaxed) && !pauseRequested.load(ordering: .relaxed) { return true }
        return state.withLockedValue { s in
            let ready = s.consumerAttached && !s.flushPending && !s.paused
            if !ready { s.stalled = true }
            return ready
        }
    }

    /// Mirrors `paused` for the fast path of `readyForMore()`, which runs after each message's callbacks and must
    /// see a `pause()` made inside them without taking the lock a second time per message.
    private let pauseRequested = Atomic<Bool>(false)
    /// Mirrors `consumerAttached && !flushPending` for the same fast path; it only ever turns true, in `flush()`.
    private let attachedAndFlushed = Atomic<Bool>(false)

    /// Stops the flow of events: the connection stops parsing and reading until `resume()`.
    func pause() {
        state.withLockedValue { s in
            s.paused = true
            pauseRequested.store(true, ordering: .relaxed)
        }
    }

    /// Lets events flow again after `pause()`.
    func resume() {
        let hook = state.withLockedValue { s -> Bool in
            s.paused = false
            pauseRequested.store(false, ordering: .relaxed)
            guard s.stalled, s.consumerAttached, !s.flushPending else { return false }
            s.stalled = false
            return true
        }
        if hook { attachedHook.withLockedValue { $0 }?() }
    }

    /// Whether `pause()` is in effect.
    var isPaused: Bool { state.withLockedValue { $0.paused } }

    /// Emits an event; called on the event loop only.
    func emit(_ event: WebSocketEvent) {
        let callbacks: CallbackSnapshot? = state.withLockedValue { s in
            if !s.consumerAttached || s.flushPending {
                s.retained.append(event)
                return nil
            }
            s.continuation?.yield(event)
            if case .close = event { s.continuation?.finish() }
            return s.callbacks
        }
        callbacks?.value.invoke(event)
    }

    /// The single-consumer event sequence, created on first use.
    var events: AsyncStream<WebSocketEvent> {
        let (stream, scheduleFlush) = state.withLockedValue { s -> (AsyncStream<WebSocketEvent>, Bool) in
            if let stream = s.stream { return (stream, false) }
            let (stream, continuation) = AsyncStream<WebSocketEvent>.makeStream(bufferingPolicy: .unbounded)
            s.stream = stream
            s.continuation = continuation
            let scheduleFlush = attach(&s)
            updateMessagesWanted(s)
            return (stream, scheduleFlush)
        }
        if scheduleFlush { eventLoop.execute { self.flush() } }
        return stream
    }

    /// Changes the callbacks.
    func updateCallbacks(_ change: (inout EventCallbacks) -> Void) {
        let scheduleFlush = state.withLockedValue { s -> Bool in
            var callbacks = s.callbacks.value
            change(&callbacks)
            s.callbacks = CallbackSnapshot(callbacks)
            let scheduleFlush = attach(&s)
            updateMessagesWanted(s)
            return scheduleFlush
        }
        if scheduleFlush { eventLoop.execute { self.flush() } }
    }

    /// Reads the callbacks.
    func callbacks() -> EventCallbacks { state.withLockedValue { $0.callbacks.value } }

    private func attach(_ s: inout State) -> Bool {
        guard !s.consumerAttached else { return false }
        s.consumerAttached = true
        s.flushPending = true
        return true
    }

    /// Delivers what was retained before the first consumer attached; runs on the event loop, so it cannot
    /// interleave with `emit`.
    private func flush() {
        let (events, callbacks) = state.withLockedValue { s -> ([WebSocketEvent], CallbackSnapshot) in
            s.flushPending = false
            updateMessagesWanted(s)
            let events = s.retained
            s.retained = []
            for event in events {
                s.continuation?.yield(event)
                if case .close = event { s.continuation?.finish() }
            }
            return (events, s.callbacks)
        }
        for event in events { callbacks.value.invoke(event) }
        state.withLockedValue { s in
            s.stalled = false
            attachedAndFlushed.store(true, ordering: .relaxed)
        }
        attachedHook.withLockedValue { $0 }?()
    }
}
