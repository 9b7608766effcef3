import Logging

/// Passes every call on to the sink it wraps, and logs the events that end a stage of the connection's life
/// (open, error, close). Only put in front of a sink when the logger would print `debug`, so a connection nobody
/// logs keeps the direct path to its sink.
final class LoggingEventSink: EventSink {
    private let inner: any EventSink
    private let logger: Logger
    private let url: String

    /// Wraps `inner`; `url` is the redacted URL the lines name.
    init(_ inner: any EventSink, logger: Logger, url: String) {
        self.inner = inner
        self.logger = logger
        self.url = url
    }

    func emit(_ event: WebSocketEvent) {
        switch event {
        case .open(let open):
            let chosen = open.protocol.isEmpty ? "" : ", subprotocol \(open.protocol)"
            let extensions = open.extensions.isEmpty ? "" : ", extensions \(open.extensions)"
            logger.debug("handshake done: \(url) is open\(chosen)\(extensions)")
        case .error(let error):
            logger.debug("connection to \(url) failed: \(Redaction.urls(in: error.message))")
        case .close(let close):
            logger.debug("connection to \(url) closed: code \(close.code)\(close.wasClean ? "" : " (not clean)")")
        case .message, .pong:
            break
        }
        inner.emit(event)
    }

    // Everything else is forwarded as it is.
    var traits: SinkTraits { inner.traits }
    func deliver(_ message: ReceivedMessage) -> Bool { inner.deliver(message) }
    func readyForMore() -> Bool { inner.readyForMore() }
    func wantsMessages() -> Bool { inner.wantsMessages() }
    func batchEnded() { inner.batchEnded() }
    func onReady(_ hook: @escaping @Sendable () -> Void) { inner.onReady(hook) }
}
