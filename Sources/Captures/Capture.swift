import Foundation

/// WebSocket traffic as captures hold it: the connections of a session, each with its upgrade exchange and its
/// whole messages. What a HAR file can say, and no more: exact wire bytes, masks and fragmentation live only in
/// the JSON Lines record (`--record`).
public struct Capture: Sendable, Hashable {
    /// The connections, in the order they were opened.
    public var connections: [CapturedConnection]
    /// A note about the whole capture (HAR's `log.comment`): what was left out when a size cap was hit.
    public var comment: String?

    /// A capture of `connections`.
    public init(connections: [CapturedConnection] = [], comment: String? = nil) {
        self.connections = connections
        self.comment = comment
    }

    /// How many messages all connections hold.
    public var messageCount: Int { connections.reduce(0) { $0 + $1.messages.count } }
}

/// One WebSocket connection: the upgrade request and response, the messages both ways, and how it closed.
public struct CapturedConnection: Sendable, Hashable {
    /// The URL as Chrome writes it: `ws://` or `wss://`.
    public var url: String
    /// When the upgrade request was sent.
    public var startedAt: Date
    /// The request's HTTP version, e.g. `HTTP/1.1`.
    public var httpVersion: String
    /// The upgrade request's headers, in order.
    public var requestHeaders: [CapturedHeader]
    /// The response status (101 for an upgrade that worked).
    public var status: Int
    /// The response's reason phrase.
    public var statusText: String
    /// The response's headers, in order.
    public var responseHeaders: [CapturedHeader]
    /// Messages (and with frame detail, control frames) in the order they crossed.
    public var messages: [CapturedMessage]
    /// How the connection closed, when a Close frame was seen.
    public var close: CapturedClose?

    /// A connection to `url` started at `startedAt`; the rest defaults to a plain successful upgrade.
    public init(
        url: String, startedAt: Date, httpVersion: String = "HTTP/1.1", requestHeaders: [CapturedHeader] = [],
        status: Int = 101, statusText: String = "Switching Protocols", responseHeaders: [CapturedHeader] = [],
        messages: [CapturedMessage] = [], close: CapturedClose? = nil
    ) {
        self.url = url
        self.startedAt = startedAt
        self.httpVersion = httpVersion
        self.requestHeaders = requestHeaders
        self.status = status
        self.statusText = statusText
        self.responseHeaders = responseHeaders
        self.messages = messages
        self.close = close
    }
}

/// A header field as written.
public struct CapturedHeader: Sendable, Hashable {
    /// The field name.
    public var name: String
    /// The field value.
    public var value: String

    /// A header `name: value`.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One message (or control frame) of a connection.
public struct CapturedMessage: Sendable, Hashable {
    /// Which way it went, seen from the client.
    public enum Direction: String, Sendable, Hashable {
        /// From the client to the server (HAR's `send`).
        case sent
        /// From the server to the client (HAR's `receive`).
        case received
    }

    /// Which way it went.
    public var direction: Direction
    /// When it crossed.
    public var time: Date
    /// The opcode: 1 text, 2 binary; 8, 9, 10 for close, ping and pong.
    public var opcode: UInt8
    /// The payload (inflated when the message was compressed).
    public var payload: [UInt8]

    /// A message.
    public init(direction: Direction, time: Date, opcode: UInt8, payload: [UInt8]) {
        self.direction = direction
        self.time = time
        self.opcode = opcode
        self.payload = payload
    }
}

/// How a connection closed: HTTP Toolkit's `_webSocketClose` in a HAR.
public struct CapturedClose: Sendable, Hashable {
    /// The close code, when the Close frame had one.
    public var code: UInt16?
    /// The close reason.
    public var reason: String
    /// When the Close frame crossed.
    public var time: Date

    /// A close with `code` and `reason` at `time`.
    public init(code: UInt16?, reason: String, time: Date) {
        self.code = code
        self.reason = reason
        self.time = time
    }
}
