import Logging
import NIOPosix
import WebSocketCore

/// A WebSocket client with the shape of the web platform's `WebSocketStream` (as undici ships it), built for
/// async code, with the receive backpressure undici's lacks.
///
/// ```swift
/// let stream = try WebSocketStream(url: "ws://127.0.0.1:8080/echo")
/// let connection = try await stream.opened
/// try await connection.writable.write("hello")
/// for try await message in connection.readable {
///     print(message)
///     try stream.close(code: 1000)
/// }
/// let closeInfo = try await stream.closed
/// ```
///
/// Receiving is flow-controlled: when the reader falls behind by `highWaterMark` bytes, the client stops reading
/// the socket and TCP pushes back on the server. `write` returns once its frame has been handed to the socket, so
/// a writer cannot outrun the network either.
///
/// Cancelling the task that awaits `opened` before the handshake completes aborts the connection.
public final class WebSocketStream: Sendable {
    /// A received message.
    public enum Message: Sendable, Hashable {
        /// A text message.
        case text(String)
        /// A binary message.
        case binary([UInt8])

        /// The payload size in bytes (UTF-8 for text).
        public var byteCount: Int {
            switch self {
            case .text(let text): return text.utf8.count
            case .binary(let bytes): return bytes.count
            }
        }
    }

    /// What `opened` gives: the two halves of the connection and what the handshake settled.
    public struct Connection: Sendable {
        /// The received messages.
        public let readable: Readable
        /// Sends messages.
        public let writable: Writer
        /// The subprotocol the server chose, or "".
        public let `protocol`: String
        /// The `Sec-WebSocket-Extensions` value the server answered, or "".
        public let extensions: String
    }

    /// How a cleanly closed connection ended.
    public struct CloseInfo: Sendable, Hashable {
        /// The code from the server's Close frame; 1005 when it carried none.
        public let closeCode: UInt16
        /// The reason from the server's Close frame.
        public let reason: String

        /// Creates a value.
        public init(closeCode: UInt16, reason: String) {
            self.closeCode = closeCode
            self.reason = reason
        }
    }

    /// The URL, serialized.
    public let url: String
    /// How the connection reaches the server: "direct", "via proxy 127.0.0.1:3128", …
    public let route: String

    /// The connection's own thread as a task executor. Code that reads and writes this stream runs fastest on it:
    /// `write` and the readable's `next()` then resume where the connection completed them, instead of waking a
    /// thread of the cooperative pool each time.
    ///
    /// ```swift
    /// try await withTaskExecutorPreference(stream.taskExecutor) {
    ///     for try await message in connection.readable { try await connection.writable.write(reply(message)) }
    /// }
    /// ```
    ///
    /// Keep blocking or long computations out of such a task: while it runs, this connection (and any other on
    /// the same thread) reads and writes nothing.
    public var taskExecutor: any TaskExecutor { controller.taskExecutor }

    private let controller: ConnectionController
    private let inbox: StreamInbox

    /// Opens a connection to `url`; throws a `.syntax` error for a bad URL, protocol list or header. Userinfo in
    /// the URL is sent as `Authorization: Basic …` and never shown, as for `WebSocket.init(url:options:)`.
    public init(url: String, options: WebSocketStreamOptions = WebSocketStreamOptions()) throws(WebSocketAPIError) {
        let setup = try ConnectionSetup(
            url: url, protocols: options.protocols, headers: options.headers, dispatcher: options.dispatcher,
            deflateOffer: options.perMessageDeflate)
        self.url = setup.url.serialized
        self.route = setup.route
        let eventLoop = MultiThreadedEventLoopGroup.singleton.next()
        let inbox = StreamInbox(highWaterMark: options.highWaterMark, eventLoop: eventLoop)
        self.inbox = inbox
        self.controller = ConnectionController(
            setup: setup, eventLoop: eventLoop, sink: inbox, binaryType: .bytes, tap: options.tap)
    }

    /// The open connection, once the handshake succeeds. Throws the `WebSocketError` that ended the connection
    /// first; if the awaiting task is cancelled while connecting, the handshake is aborted and this throws
    /// `CancellationError`.
    public var opened: Connection {
        get async throws {
            let place = url
            let open = try await withTaskCancellationHandler {
                try await inbox.opened.value()
            } onCancel: { [controller] in
                controller.abortOpening("the task waiting for the connection to \(place) was cancelled")
            }
            return Connection(
                readable: Readable(inbox: inbox), writable: Writer(controller: controller), protocol: open.protocol,
                extensions: open.extensions)
        }
    }

    /// How the connection ended: the server's close code and reason after a clean closing handshake. Throws a
    /// `WebSocketError` (close code 1006 unless a protocol violation set another) that names the cause when the
    /// connection ended any other way, including with data the application wrote that never reached the socket.
    public var closed: CloseInfo {
        get async throws { try await inbox.closed.value() }
    }

    /// Bytes of received messages waiting for the reader: below the high-water mark plus one message.
    public var bufferedReceiveAmount: Int { inbox.bufferedBytes }

    /// Starts the closing handshake, with `WebSocket.close`'s validation: `code` 1000 or 3000–4999
    /// (`.invalidAccess`), `reason` at most 123 UTF-8 bytes (`.syntax`). From then on `write` throws at once;
    /// messages already received stay readable, and later ones are dropped so the handshake can complete even if
    /// nobody reads. Before open, it aborts the handshake.
    public func close(code: UInt16? = nil, reason: String? = nil) throws(WebSocketAPIError) {
        try controller.requestClose(code: code, reason: reason)
        LibraryLog.make().debug("close requested for \(url)\(code.map { " with code \($0)" } ?? "")")
        inbox.discardFurtherMessages()
    }

    /// Starts the closing handshake with a code another peer sent: any code a Close frame may carry (RFC 6455
    /// §7.4, e.g. 1001 or 1011), not only the application's 1000 and 3000–4999; `nil` sends a Close without a code.
    /// For the relay, which passes one side's Close on to the other.
    package func closeForwarding(code: UInt16?, reason: String) throws(WebSocketAPIError) {
        try controller.requestClose(code: code, reason: code == nil ? nil : reason, anyWireCode: true)
        inbox.discardFurtherMessages()
    }

    /// Sends a ping and returns the round-trip time once its pong arrives.
    public func ping(_ payload: [UInt8] = []) async throws -> Duration {
        try await controller.ping(payload)
    }
}
