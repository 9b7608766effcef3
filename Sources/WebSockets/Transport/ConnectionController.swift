import Logging
import NIOCore
import NIOPosix
import WebSocketCore

/// The thread-safe side of one client connection, shared by `WebSocket` and `WebSocketStream`: it starts the
/// channel handler and turns API calls into work scheduled on the connection's event loop.
///
/// The two public APIs differ only in how they present events (callbacks and a sequence, or a backpressured
/// stream) and in how they treat a send after closing; everything else — validation, the close request, ping,
/// terminate — lives here once.
final class ConnectionController: Sendable {
    let shared: WebSocketShared
    /// The connection's event loop as a task executor, which both APIs offer to async code.
    let taskExecutor: EventLoopTaskExecutor
    private let handler: NIOLoopBoundBox<ClientConnectionHandler?>

    /// Where a send went.
    enum EnqueueOutcome {
        /// Queued for the event loop.
        case queued
        /// Refused: the handshake has not finished.
        case connecting
        /// Dropped: closing has started.
        case closing
    }

    /// Creates the handler and starts connecting on `eventLoop`, which `sink` must deliver on too.
    init(setup: ConnectionSetup, eventLoop: any EventLoop, sink: any EventSink, binaryType: BinaryType, tap: WireTap?) {
        let logger = LibraryLog.make()
        let url = setup.url.serialized
        logger.debug("connecting to \(url) (\(setup.route))")
        let sink: any EventSink = logger.logLevel <= .debug ? LoggingEventSink(sink, logger: logger, url: url) : sink
        let shared = WebSocketShared(eventLoop: eventLoop, binaryType: binaryType, sink: sink)
        self.shared = shared
        self.taskExecutor = EventLoopTaskExecutor(eventLoop: eventLoop)
        let handler = ClientConnectionHandler(shared: shared, setup: setup, tap: tap)
        self.handler = NIOLoopBoundBox.makeBoxSendingValue(handler, as: ClientConnectionHandler?.self, eventLoop: eventLoop)
        let box = self.handler
        eventLoop.execute { box.value?.start() }
    }

    var eventLoop: any EventLoop { shared.eventLoop }
    var readyState: ReadyState { shared.state.withLockedValue { $0.readyState } }

    // MARK: Sending

    /// Queues a message; `written` (if given) completes once its frame reaches the socket, or fails.
    func enqueue(_ message: PendingSend, written: EventLoopPromise<Void>? = nil) -> EnqueueOutcome {
        let count = message.byteCount
        let onLoop = eventLoop.inEventLoop
        let (outcome, next): (EnqueueOutcome, NextStep) = shared.state.withLockedValue { s in
            switch s.readyState {
            case .connecting: return (.connecting, .none)
            case .closing, .closed: return (.closing, .none)
            case .open:
                s.bufferedAmount += count
                // A send on the event loop with nothing queued before it (a reply from a callback) is encoded at
                // once: queueing it only to take it out again cost an allocation and a second lock on the path
                // between reading a message and writing the answer.
                if onLoop && s.pendingSends.isEmpty { return (.queued, .sendNow) }
                s.pendingSends.append(QueuedSend(message: message, written: written))
                // Only the first queued send schedules a drain; later ones ride along, which coalesces writes.
                return (.queued, s.pendingSends.count == 1 ? .drain : .none)
            }
        }
        let box = handler
        switch next {
        case .none:
            break
        case .sendNow:
            box.value?.send(CollectionOfOne(QueuedSend(message: message, written: written)))
        case .drain:
            // Only off the loop: on it, the first queued send is sent at once.
            eventLoop.execute { box.value?.drainPendingSends() }
        }
        return outcome
    }

    /// What a send leads to after the lock.
    private enum NextStep { case none, sendNow, drain }

    // MARK: Closing

    /// Starts the closing handshake after checking the arguments as the WHATWG API does: `code` must be 1000 or
    /// 3000–4999 (`.invalidAccess`), `reason` at most 123 UTF-8 bytes (`.syntax`), both before the state. A reason
    /// without a code sends 1000. Does nothing once closing has started. `anyWireCode` lets through every code a
    /// Close frame may carry (RFC 6455 §7.4), for a relay passing on another peer's code.
    func requestClose(code: UInt16?, reason: String?, anyWireCode: Bool = false) throws(WebSocketAPIError) {
        if let code, anyWireCode ? !CloseCode.isValidOnWire(code) : !CloseCode.isValidForApplication(code) {
            throw WebSocketAPIError(.invalidAccess, "close code \(code) is neither 1000 nor in 3000–4999")
        }
        if let reason, reason.utf8.count > 123 {
            throw WebSocketAPIError(.syntax, "close reason is \(reason.utf8.count) UTF-8 bytes; at most 123 are allowed")
        }
        let effectiveCode = code ?? (reason == nil ? nil : CloseCode.normalClosure)
        guard beginClosing() else { return }
        let box = handler
        let text = reason ?? ""
        // Always scheduled, never run inline, so the events it causes come after this call returns.
        eventLoop.execute { box.value?.startClose(code: effectiveCode, reason: text) }
    }

    /// Aborts the opening handshake, if it is still under way, failing the connection with `message`.
    func abortOpening(_ message: String) {
        guard readyState == .connecting, beginClosing() else { return }
        let box = handler
        eventLoop.execute { box.value?.abortOpening(message) }
    }

    /// Drops the TCP connection at once, without a closing handshake.
    func terminate() {
        shared.state.withLockedValue { s in
            if s.readyState != .closed { s.readyState = .closing }
        }
        let box = handler
        eventLoop.execute { box.value?.terminate() }
    }

    private func beginClosing() -> Bool {
        shared.state.withLockedValue { s in
            switch s.readyState {
            case .closing, .closed: return false
            case .connecting, .open:
                s.readyState = .closing
                return true
            }
        }
    }

    // MARK: Ping and tap

    /// Sends a ping and returns its round-trip time once the pong arrives.
    func ping(_ payload: [UInt8]) async throws -> Duration {
        guard payload.count <= 125 else {
            throw WebSocketAPIError(.syntax, "ping payload is \(payload.count) bytes; at most 125 are allowed")
        }
        guard readyState == .open else {
            throw WebSocketAPIError(.invalidState, "ping() needs an OPEN WebSocket, not \(readyState)")
        }
        let promise = eventLoop.makePromise(of: Duration.self)
        let box = handler
        eventLoop.execute { box.value?.ping(payload, promise: promise) }
        return try await promise.futureResult.get()
    }

    /// Attaches or detaches the wire tap.
    func setTap(_ tap: WireTap?) {
        let box = handler
        eventLoop.execute { box.value?.tap = tap }
    }
}
