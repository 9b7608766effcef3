import Foundation

/// A message's content as delivered to the application.
public enum MessageData: Sendable, Hashable {
    /// A text message.
    case text(String)
    /// A binary message, when `binaryType` is `.data`.
    case data(Data)
    /// A binary message, when `binaryType` is `.bytes`.
    case bytes([UInt8])

    /// The message's bytes: UTF-8 for text.
    public var bytes: [UInt8] {
        switch self {
        case .text(let text): return Array(text.utf8)
        case .data(let data): return Array(data)
        case .bytes(let bytes): return bytes
        }
    }

    /// The text, for a text message.
    public var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }
}

/// The `open` event: the handshake succeeded.
public struct OpenEvent: Sendable, Hashable {
    /// The negotiated subprotocol, or "".
    public let `protocol`: String
    /// The negotiated extensions header, or "".
    public let extensions: String

    /// Creates an event.
    public init(protocol: String, extensions: String) {
        self.protocol = `protocol`
        self.extensions = extensions
    }
}

/// The `message` event.
public struct MessageEvent: Sendable, Hashable {
    /// The message.
    public let data: MessageData

    /// Creates an event.
    public init(data: MessageData) { self.data = data }
}

/// The `error` event: always followed by a `close` event.
public struct ErrorEvent: Sendable, Hashable {
    /// What went wrong and where.
    public let error: WebSocketError
    /// The error's message.
    public var message: String { error.message }

    /// Creates an event.
    public init(error: WebSocketError) { self.error = error }
}

/// The `close` event, the last event of every connection.
public struct CloseEvent: Sendable, Hashable {
    /// Whether Close frames went both ways and no failure happened.
    public let wasClean: Bool
    /// The peer's close code; 1005 when its Close had no code, 1006 when no Close arrived, or the code of a
    /// protocol violation this client detected.
    public let code: UInt16
    /// The peer's close reason, or the cause of a failure this client detected.
    public let reason: String

    /// Creates an event.
    public init(wasClean: Bool, code: UInt16, reason: String) {
        self.wasClean = wasClean
        self.code = code
        self.reason = reason
    }
}

/// The `pong` event: a pong arrived, with the round-trip time when it answers a ping sent by `ping(_:)`.
public struct PongEvent: Sendable, Hashable {
    /// The pong's payload.
    public let payload: [UInt8]
    /// Time since the matching ping was sent, if one matched.
    public let roundTripTime: Duration?

    /// Creates an event.
    public init(payload: [UInt8], roundTripTime: Duration?) {
        self.payload = payload
        self.roundTripTime = roundTripTime
    }
}

/// Every event a `WebSocket` emits, in order, for consumers of `WebSocket.events`.
public enum WebSocketEvent: Sendable, Hashable {
    /// The connection opened.
    case open(OpenEvent)
    /// A message arrived.
    case message(MessageEvent)
    /// A pong arrived.
    case pong(PongEvent)
    /// The connection failed; a `close` follows.
    case error(ErrorEvent)
    /// The connection closed; nothing follows.
    case close(CloseEvent)
}
