/// An error the API throws synchronously for a bad argument or a call at the wrong time, named after the
/// `DOMException` the WHATWG WebSocket API throws in the same case.
public struct WebSocketAPIError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The `DOMException` name the WHATWG API uses.
    public enum Kind: String, Sendable, Hashable {
        /// A malformed URL, protocol list, header, or close reason (`SyntaxError`).
        case syntax = "SyntaxError"
        /// A call in the wrong `readyState`, such as `send` while connecting (`InvalidStateError`).
        case invalidState = "InvalidStateError"
        /// A close code the application may not use (`InvalidAccessError`).
        case invalidAccess = "InvalidAccessError"
    }

    /// Which kind of error.
    public let kind: Kind
    /// What exactly was wrong.
    public let message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}

/// Why a connection failed or ended uncleanly: carried by `error` events and thrown by async APIs.
public struct WebSocketError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where the failure happened.
    public enum Cause: String, Sendable, Hashable {
        /// The host name did not resolve.
        case dns
        /// TCP connect failed (refused, unreachable).
        case connect
        /// A timeout: connect, handshake or close.
        case timeout
        /// TLS failed: certificate, protocol, or configuration files.
        case tls
        /// A proxy refused or failed the tunnel.
        case proxy
        /// The server's HTTP upgrade response was refused.
        case handshake
        /// The peer broke RFC 6455 or a configured limit.
        case protocolViolation
        /// The connection ended without a closing handshake.
        case connectionLost
        /// The application closed or cancelled before the connection opened.
        case aborted
        /// A local I/O error.
        case io
    }

    /// Where the failure happened.
    public let cause: Cause
    /// A sentence naming what happened and where, e.g. "connection refused (127.0.0.1:9)".
    public let message: String
    /// The close code this failure is reported with: the violation's code for protocol errors, else 1006.
    public let closeCode: UInt16

    /// Creates an error.
    public init(_ cause: Cause, _ message: String, closeCode: UInt16 = 1006) {
        self.cause = cause
        self.message = message
        self.closeCode = closeCode
    }

    public var description: String { message }
}
