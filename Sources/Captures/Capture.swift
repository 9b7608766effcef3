import Foundation

/// WebSocket traffic as captures hold it: the connections of a session, each with its upgrade exchange and its
/// whole messages. What a HAR file can say, and no more: exact wire bytes, masks and fragmentation live only in
/// the JSON Lines record (`--record`).
package struct Capture: Sendable, Hashable {
    /// The connections, in the order they were opened.
    package var connections: [CapturedConnection]
    /// A note about the whole capture (HAR's `log.comment`): what was left out when a size cap was hit.
    package var comment: String?

    /// A capture of `connections`.
    package init(connections: [CapturedConnection] = [], comment: String? = nil) {
        self.connections = connections
        self.comment = comment
    }

    /// How many messages all connections hold.
    package var messageCount: Int { connections.reduce(0) { $0 + $1.messages.count } }
}

/// One WebSocket connection: the upgrade request and response, the messages both ways, and how it closed.
package struct CapturedConnection: Sendable, Hashable {
    /// The URL as Chrome writes it: `ws://` or `wss://`.
    package var url: String
    /// When the upgrade request was sent.
    package var startedAt: Date
    /// The request's HTTP version, e.g. `HTTP/1.1`.
    package var httpVersion: String
    /// The upgrade request's headers, in order.
    package var requestHeaders: [CapturedHeader]
    /// The response status (101 for an upgrade that worked).
    package var status: Int
    /// The response's reason phrase.
    package var statusText: String
    /// The response's headers, in order.
    package var responseHeaders: [CapturedHeader]
    /// Messages (and with frame detail, control frames) in the order they crossed.
    package var messages: [CapturedMessage]
    /// How the connection closed, when a Close frame was seen.
    package var close: CapturedClose?

    /// A connection to `url` started at `startedAt`; the rest defaults to a plain successful upgrade.
    package init(
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
package struct CapturedHeader: Sendable, Hashable {
    /// The field name.
    package var name: String
    /// The field value.
    package var value: String

    /// A header `name: value`.
    package init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One message (or control frame) of a connection.
package struct CapturedMessage: Sendable, Hashable {
    /// Which way it went, seen from the client.
    package enum Direction: String, Sendable, Hashable {
        /// From the client to the server (HAR's `send`).
        case sent
        /// From the server to the client (HAR's `receive`).
        case received
    }

    /// Which way it went.
    package var direction: Direction
    /// When it crossed.
    package var time: Date
    /// The opcode: 1 text, 2 binary; 8, 9, 10 for close, ping and pong.
    package var opcode: UInt8
    /// The payload (inflated when the message was compressed).
    package var payload: [UInt8]

    /// A message.
    package init(direction: Direction, time: Date, opcode: UInt8, payload: [UInt8]) {
        self.direction = direction
        self.time = time
        self.opcode = opcode
        self.payload = payload
    }
}

/// The times a capture may hold, in seconds since 1970: years 1 to 9999. Nothing captured traffic outside them,
/// and the log's clock column (and Foundation's calendar) cannot show such a time: a reader refuses it as an error
/// rather than let a file crash the viewer.
package enum CaptureTime {
    /// Years 1 to 9999.
    package static let range: ClosedRange<Double> = -62_135_596_800...253_402_300_799

    /// The sentence for a time outside ``range``.
    package static func problem(_ seconds: Double) -> String {
        "\(seconds) is not a time in seconds since 1970 (years 1 to 9999)"
    }
}

/// How a connection closed: HTTP Toolkit's `_webSocketClose` in a HAR.
package struct CapturedClose: Sendable, Hashable {
    /// The close code, when the Close frame had one.
    package var code: UInt16?
    /// The close reason.
    package var reason: String
    /// When the Close frame crossed.
    package var time: Date

    /// A close with `code` and `reason` at `time`.
    package init(code: UInt16?, reason: String, time: Date) {
        self.code = code
        self.reason = reason
        self.time = time
    }
}
