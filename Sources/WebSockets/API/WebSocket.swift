import Foundation
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

    let shared: WebSocketShared
    private let handler: NIOLoopBoundBox<ClientConnectionHandler?>

    /// Opens a connection to `url`, offering `protocols`.
    public convenience init(url: String, protocols: [String] = []) throws(WebSocketAPIError) {
        try self.init(url: url, options: WebSocketInit(protocols: protocols))
    }

    /// Opens a connection to `url` with `options`; throws a `.syntax` error for a bad URL, protocol list or header.
    public init(url: String, options: WebSocketInit) throws(WebSocketAPIError) {
        let parsed = try WebSocketURL(url)
        var seen = Set<String>()
        for name in options.protocols {
            guard HTTPToken.isValid(name) else {
                throw WebSocketAPIError(.syntax, "subprotocol \"\(name)\" is not a valid HTTP token")
            }
            guard seen.insert(name.lowercased()).inserted else {
                throw WebSocketAPIError(.syntax, "subprotocol \"\(name)\" is listed twice")
            }
        }
        let request: HandshakeRequest
        do {
            request = try HandshakeRequest(
                host: parsed.host, port: parsed.port, secure: parsed.secure, target: parsed.target,
                protocols: options.protocols, extensionOffers: options.perMessageDeflate.map { [$0.headerValue] } ?? [],
                customHeaders: HTTPHeaders(options.headers.map { ($0.name, $0.value) }))
        } catch {
            throw WebSocketAPIError(.syntax, error.message)
        }
        self.url = parsed.serialized
        self.route = ConnectionPlan.routeDescription(for: parsed, dispatcher: options.dispatcher ?? Agent())
        let eventLoop = MultiThreadedEventLoopGroup.singleton.next()
        let shared = WebSocketShared(eventLoop: eventLoop, binaryType: options.binaryType)
        self.shared = shared
        let handler = ClientConnectionHandler(
            shared: shared, url: parsed, request: request, dispatcher: options.dispatcher ?? Agent(), tap: options.tap,
            deflateOffer: options.perMessageDeflate)
        self.handler = NIOLoopBoundBox.makeBoxSendingValue(handler, as: ClientConnectionHandler?.self, eventLoop: eventLoop)
        let box = self.handler
        eventLoop.execute { box.value?.start() }
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
        let count = message.byteCount
        let result: Result<Bool, WebSocketAPIError> = shared.state.withLockedValue { s in
            switch s.readyState {
            case .connecting:
                return .failure(WebSocketAPIError(.invalidState, "send() called while the WebSocket is CONNECTING"))
            case .closing, .closed:
                // The WHATWG API counts the bytes but sends nothing once closing has started.
                s.bufferedAmount += count
                return .success(false)
            case .open:
                s.bufferedAmount += count
                s.pendingSends.append(message)
                // Only the first queued send schedules a drain; later ones ride along, which coalesces writes.
                return .success(s.pendingSends.count == 1)
            }
        }
        guard try result.get() else { return }
        let box = handler
        if shared.eventLoop.inEventLoop {
            box.value?.drainPendingSends()
        } else {
            shared.eventLoop.execute { box.value?.drainPendingSends() }
        }
    }

    // MARK: Closing

    /// Starts the closing handshake. `code` must be 1000 or 3000–4999 (`.invalidAccess`), `reason` at most 123
    /// UTF-8 bytes (`.syntax`); both are checked before the state. A reason without a code sends 1000.
    public func close(code: UInt16? = nil, reason: String? = nil) throws(WebSocketAPIError) {
        if let code, !CloseCode.isValidForApplication(code) {
            throw WebSocketAPIError(.invalidAccess, "close code \(code) is neither 1000 nor in 3000–4999")
        }
        if let reason, reason.utf8.count > 123 {
            throw WebSocketAPIError(.syntax, "close reason is \(reason.utf8.count) UTF-8 bytes; at most 123 are allowed")
        }
        let effectiveCode = code ?? (reason == nil ? nil : CloseCode.normalClosure)
        let shouldStart = shared.state.withLockedValue { s -> Bool in
            switch s.readyState {
            case .closing, .closed: return false
            case .connecting, .open:
                s.readyState = .closing
                return true
            }
        }
        guard shouldStart else { return }
        let box = handler
        let text = reason ?? ""
        // Always scheduled, never run inline, so the events it causes come after this call returns.
        shared.eventLoop.execute { box.value?.startClose(code: effectiveCode, reason: text) }
    }

    /// Drops the TCP connection at once, without a closing handshake (undici has no equivalent). The `close`
    /// event reports 1006.
    public func terminate() {
        shared.state.withLockedValue { s in
            if s.readyState != .closed { s.readyState = .closing }
        }
        let box = handler
        shared.eventLoop.execute { box.value?.terminate() }
    }

    // MARK: Ping

    /// Sends a ping (at most 125 bytes of payload) and returns the round-trip time once its pong arrives.
    /// Throws `.invalidState` unless OPEN, and a `WebSocketError` if the connection ends first.
    public func ping(_ payload: [UInt8] = []) async throws -> Duration {
        guard payload.count <= 125 else {
            throw WebSocketAPIError(.syntax, "ping payload is \(payload.count) bytes; at most 125 are allowed")
        }
        guard readyState == .open else {
            throw WebSocketAPIError(.invalidState, "ping() needs an OPEN WebSocket, not \(readyState)")
        }
        let promise = shared.eventLoop.makePromise(of: Duration.self)
        let box = handler
        shared.eventLoop.execute { box.value?.ping(payload, promise: promise) }
        return try await promise.futureResult.get()
    }

    // MARK: Events

    /// Every event, in order, as an async sequence with one consumer. It ends after the `close` event.
    public var events: AsyncStream<WebSocketEvent> { shared.hub.events }

    /// Called when the connection opens.
    public var onopen: (@Sendable (OpenEvent) -> Void)? {
        get { shared.hub.callbacks().onopen }
        set { shared.hub.updateCallbacks { $0.onopen = newValue } }
    }

    /// Called for each message.
    public var onmessage: (@Sendable (MessageEvent) -> Void)? {
        get { shared.hub.callbacks().onmessage }
        set { shared.hub.updateCallbacks { $0.onmessage = newValue } }
    }

    /// Called for each pong, with the round-trip time when it answers `ping(_:)`.
    public var onpong: (@Sendable (PongEvent) -> Void)? {
        get { shared.hub.callbacks().onpong }
        set { shared.hub.updateCallbacks { $0.onpong = newValue } }
    }

    /// Called when the connection fails, just before `onclose`.
    public var onerror: (@Sendable (ErrorEvent) -> Void)? {
        get { shared.hub.callbacks().onerror }
        set { shared.hub.updateCallbacks { $0.onerror = newValue } }
    }

    /// Called once when the connection has closed.
    public var onclose: (@Sendable (CloseEvent) -> Void)? {
        get { shared.hub.callbacks().onclose }
        set { shared.hub.updateCallbacks { $0.onclose = newValue } }
    }

    /// Sets every callback at once. Setting one callback property attaches a consumer, and events retained until
    /// then start flowing; use this to set several without a gap in which an event could find its callback unset.
    public func setCallbacks(
        onopen: (@Sendable (OpenEvent) -> Void)? = nil, onmessage: (@Sendable (MessageEvent) -> Void)? = nil,
        onpong: (@Sendable (PongEvent) -> Void)? = nil, onerror: (@Sendable (ErrorEvent) -> Void)? = nil,
        onclose: (@Sendable (CloseEvent) -> Void)? = nil
    ) {
        shared.hub.updateCallbacks {
            $0 = EventCallbacks(onopen: onopen, onmessage: onmessage, onpong: onpong, onerror: onerror, onclose: onclose)
        }
    }

    /// Attaches (or, with nil, detaches) a wire-tap observer. To see the opening handshake, pass the tap in
    /// `WebSocketInit.tap` instead, which is attached before the connection starts.
    public func setTap(_ tap: WireTap?) {
        let box = handler
        shared.eventLoop.execute { box.value?.tap = tap }
    }
}
