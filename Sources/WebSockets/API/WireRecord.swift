import Foundation
import WebSocketCore

/// One entry of the wire tap: bytes exactly as they crossed the socket, in wire order.
public struct WireRecord: Sendable, Hashable {
    /// Which way the bytes went.
    public enum Direction: String, Sendable, Hashable {
        /// From this client to the server.
        case sent
        /// From the server to this client.
        case received
    }

    /// What the bytes were.
    public enum Content: Sendable, Hashable {
        /// The HTTP upgrade request head.
        case handshakeRequest([UInt8])
        /// The HTTP response head.
        case handshakeResponse([UInt8])
        /// A proxy tunnel exchange (CONNECT request or response, SOCKS messages).
        case proxy([UInt8])
        /// A WebSocket frame with its wire bytes, decoded header and unmasked payload.
        case frame(Frame)
    }

    /// When the bytes were written or read.
    public let time: Date
    /// Which way they went.
    public let direction: Direction
    /// What they were.
    public let content: Content

    /// Creates a record.
    public init(time: Date = Date(), direction: Direction, content: Content) {
        self.time = time
        self.direction = direction
        self.content = content
    }
}

/// An observer of the wire tap. Called on the connection's event loop, in wire order; keep it quick.
public typealias WireTap = @Sendable (consuming WireRecord) -> Void
