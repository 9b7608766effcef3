import NIOConcurrencyHelpers
import NIOCore

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

    /// Emits the message; the hub never pushes back once a consumer is attached, so the answer is that.
    func deliver(_ message: MessageEvent) -> Bool {
        emit(.message(message))
        return true
    }

    /// Callbacks run per event; nothing waits for the end of a batch.
    func batchEnded() {}

    /// A consumer, once attached, stays attached.
    var staysReadyOnceReady: Bool { true }

    /// Sets the hook run after the first consumer has received the retained events.
    func onReady(_ hook: @escaping @Sendable () -> Void) { attachedHook.withLockedValue { $0 = hook } }

    /// Whether a consumer is attached and has been given every retained event. Callbacks and the unbounded
    /// event sequence never push back beyond that; `WebSocketStream` is the API with receive backpressure.
    func readyForMore() -> Bool { state.withLockedValue { $0.consumerAttached && !$0.flushPending } }

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
            return (stream, attach(&s))
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
            return attach(&s)
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
            let events = s.retained
            s.retained = []
            for event in events {
                s.continuation?.yield(event)
                if case .close = event { s.continuation?.finish() }
            }
            return (events, s.callbacks)
        }
        for event in events { callbacks.value.invoke(event) }
        attachedHook.withLockedValue { $0 }?()
    }
}
