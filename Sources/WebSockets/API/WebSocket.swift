import Foundation
import Logging
import NIOCore
import NIOPosix
import WebSocketCore

/// A WebSocket client with the WHATWG API's shape, as undici ships it for Node, plus ping with round-trip time,
/// a wire tap, an async event sequence, and explicit limits and timeouts.
///
/// ```swift
/// let ws = try WebSocket(url: "ws://127.0.0.1:8080/chat", protocols: ["chat"])
/// for await event in ws.events {
///     switch event {
///     case .open: try ws.send("hello")
///     case .message(let m): print(m.data)
///     case .close(let c): print("closed", c.code, c.reason)
///     default: break
///     }
/// }
/// ```
///
/// The connection starts as soon as the object is created. Events are delivered in order, one at a time, on the
/// connection's event loop, and never from inside the call that caused them (even `close()` while connecting
/// reports its `error` and `close` later). Events that happen before any consumer is attached are kept until the
/// first one attaches, so subscribing to `events` right after `init` never misses one.
public final class WebSocket: Sendable {
    /// The URL, serialized (an `http:` URL reads back as `ws:`).
    public let url: String
    /// How the connection reaches the server, for status lines: "direct", "via proxy 127.0.0.1:3128", …
    public let route: String

    let controller: ConnectionController
    private let hub: EventHub
    private var shared: WebSocketShared { controller.shared }

    /// Opens a connection to `url`, offering `protocols`.
    public convenience init(url: String, protocols: [String] = []) throws(WebSocketAPIError) {
        try self.init(url: url, options: WebSocketInit(protocols: protocols))
    }

    /// Opens a connection to `url` with `options`; throws a `.syntax` error for a bad URL, protocol list or header.
    ///
    /// Userinfo in the URL (`ws://user:password@host/`) is sent as `Authorization: Basic …`, as Node's `ws` and
    /// Python's `websockets` send it, unless `options.headers` has its own `Authorization`. It is never shown:
    /// ``url`` leaves it out and error messages quote the URL with its password as `***`.
    public init(url: String, options: WebSocketInit) throws(WebSocketAPIError) {
        let setup = try ConnectionSetup(
            url: url, protocols: options.protocols, headers: options.headers, dispatcher: options.dispatcher,
            deflateOffer: options.perMessageDeflate)
        self.url = setup.url.serialized
        self.route = setup.route
        let eventLoop = MultiThreadedEventLoopGroup.singleton.next()
        let hub = EventHub(eventLoop: eventLoop)
        self.hub = hub
        self.controller = ConnectionController(
            setup: setup, eventLoop: eventLoop, sink: hub, binaryType: options.binaryType, tap: options.tap)
    }

    // MARK: Attributes

    /// The connection state.
    public var readyState: ReadyState { shared.state.withLockedValue { $0.readyState } }

    /// Bytes of messages passed to `send` that have not yet been handed to the operating system.
    public var bufferedAmount: Int { shared.state.withLockedValue { $0.bufferedAmount } }

    /// The subprotocol the server chose, or "" (before open, or when none was offered).
    public var `protocol`: String { shared.state.withLockedValue { $0.negotiatedProtocol } }

    /// The `Sec-WebSocket-Extensions` value the server answered, or "".
    public var extensions: String { shared.state.withLockedValue { $0.negotiatedExtensions } }

    /// How binary messages are delivered; takes effect for messages read after the change.
    public var binaryType: BinaryType {
        get { shared.state.withLockedValue { $0.binaryType } }
        set {
            shared.state.withLockedValue { $0.binaryType = newValue }
        }
    }

    // MARK: Sending

    /// Sends a text message. Throws `.invalidState` while connecting; does nothing once closing has started.
    public func send(_ text: String) throws(WebSocketAPIError) { try enqueue(.text(text)) }

    /// Sends a binary message. Throws `.invalidState` while connecting; does nothing once closing has started.
    public func send(_ data: Data) throws(WebSocketAPIError) { try enqueue(.data(data)) }

    /// Sends a binary message. Throws `.invalidState` while connecting; does nothing once closing has started.
    public func send(_ bytes: [UInt8]) throws(WebSocketAPIError) { try enqueue(.bytes(bytes)) }

    private func enqueue(_ message: PendingSend) throws(WebSocketAPIError) {
        switch controller.enqueue(message) {
        case .queued:
            break
        case .connecting:
            throw WebSocketAPIError(.invalidState, "send() called while the WebSocket is CONNECTING")
        case .closing:
            // The WHATWG API counts the bytes but sends nothing once closing has started.
            shared.state.withLockedValue { $0.bufferedAmount += message.byteCount }
        }
    }

    // MARK: Closing

    /// Starts the closing handshake. `code` must be 1000 or 3000–4999 (`.invalidAccess`), `reason` at most 123
    /// UTF-8 bytes (`.syntax`); both are checked before the state. A reason without a code sends 1000.
    public func close(code: UInt16? = nil, reason: String? = nil) throws(WebSocketAPIError) {
        try controller.requestClose(code: code, reason: reason)
        LibraryLog.make().debug("close requested for \(url)\(code.map { " with code \($0)" } ?? "")")
    }

    // MARK: Flow control

    /// Stops delivering events and reading from the socket, so TCP pushes back on the server, as Node `ws`'s
    /// `pause()` does (undici has none). What is already read stays queued inside; a Close from the server also
    /// waits. The connection's timers keep running.
    public func pause() { hub.pause() }

    /// Delivers and reads again after `pause()`.
    public func resume() { hub.resume() }

    /// Whether `pause()` is in effect.
    public var isPaused: Bool { hub.isPaused }

    // MARK: Terminating

    /// Drops the TCP connection at once, without a closing handshake (undici has no equivalent). The `close`
    /// event reports 1006.
    public func terminate() {
        LibraryLog.make().debug("terminating \(url): dropping TCP without a closing handshake")
        controller.terminate()
    }

    // MARK: Ping

    /// Sends a ping (at most 125 bytes of payload) and returns the round-trip time once its pong arrives.
    /// Throws `.invalidState` unless OPEN, and a `WebSocketError` if the connection ends first.
    public func ping(_ payload: [UInt8] = []) async throws -> Duration {
        try await controller.ping(payload)
    }

    // MARK: Events

    /// Every event, in order, as an async sequence with one consumer. It ends after the `close` event.
    public var events: AsyncStream<WebSocketEvent> { hub.events }

    /// The connection's own thread as a task executor. A task that prefers it
    /// (`withTaskExecutorPreference(ws.taskExecutor) { for await event in ws.events { … } }`) takes each event on
    /// the thread that produced it, instead of being woken on the cooperative pool for each. Keep blocking work out
    /// of such a task: while it runs, the connection reads and writes nothing.
    public var taskExecutor: any TaskExecutor { controller.taskExecutor }

    /// Called when the connection opens.
    public var onopen: (@Sendable (OpenEvent) -> Void)? {
        get { hub.callbacks().onopen }
        set { hub.updateCallbacks { $0.onopen = newValue } }
    }

    /// Called for each message.
    public var onmessage: (@Sendable (MessageEvent) -> Void)? {
        get { hub.callbacks().onmessage }
        set { hub.updateCallbacks { $0.onmessage = newValue } }
    }

    /// Called for each pong, with the round-trip time when it answers `ping(_:)`.
    public var onpong: (@Sendable (PongEvent) -> Void)? {
        get { hub.callbacks().onpong }
        set { hub.updateCallbacks { $0.onpong = newValue } }
    }

    /// Called when the connection fails, just before `onclose`.
    public var onerror: (@Sendable (ErrorEvent) -> Void)? {
        get { hub.callbacks().onerror }
        set { hub.updateCallbacks { $0.onerror = newValue } }
    }

    /// Called once when the connection has closed.
    public var onclose: (@Sendable (CloseEvent) -> Void)? {
        get { hub.callbacks().onclose }
        set { hub.updateCallbacks { $0.onclose = newValue } }
    }

    /// Sets every callback at once. Setting one callback property attaches a consumer, and events retained until
    /// then start flowing; use this to set several without a gap in which an event could find its callback unset.
    public func setCallbacks(
        onopen: (@Sendable (OpenEvent) -> Void)? = nil, onmessage: (@Sendable (MessageEvent) -> Void)? = nil,
        onpong: (@Sendable (PongEvent) -> Void)? = nil, onerror: (@Sendable (ErrorEvent) -> Void)? = nil,
        onclose: (@Sendable (CloseEvent) -> Void)? = nil
    ) {
        hub.updateCallbacks {
            $0 = EventCallbacks(onopen: onopen, onmessage: onmessage, onpong: onpong, onerror: onerror, onclose: onclose)
        }
    }

    /// Attaches (or, with nil, detaches) a wire-tap observer. To see the opening handshake, pass the tap in
    /// `WebSocketInit.tap` instead, which is attached before the connection starts.
    public func setTap(_ tap: WireTap?) { controller.setTap(tap) }
}
