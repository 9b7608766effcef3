import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import WebSocketCore

/// Turns transport errors into sentences that say what happened and where.
enum ErrorDescriptions {
    /// A `WebSocketError` for an error raised while connecting to or talking with `host:port`.
    static func describe(_ error: any Error, host: String, port: Int) -> WebSocketError {
        let place = HostPort.address(host: host, port: port)
        if let error = error as? WebSocketError { return error }
        if let error = error as? NIOConnectionError {
            if error.connectionErrors.isEmpty {
                return WebSocketError(.dns, "DNS: cannot resolve \(host)")
            }
            if let first = error.connectionErrors.first {
                return describeConnectFailure(first.error, place: place)
            }
        }
        if let error = error as? ChannelError {
            switch error {
            case .connectTimeout(let amount):
                return WebSocketError(.timeout, "connect timeout: no TCP connection to \(place) within \(seconds(amount))")
            case .eof, .ioOnClosedChannel, .alreadyClosed:
                return WebSocketError(.connectionLost, "connection to \(place) closed unexpectedly")
            default:
                return WebSocketError(.io, "connection to \(place): \(error)")
            }
        }
        if error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError || error is CertificateValidityError {
            return describeTLS(error, place: place, host: host)
        }
        if let error = error as? IOError { return describeConnectFailure(error, place: place) }
        return WebSocketError(.io, "connection to \(place): \(error)")
    }

    private static func describeConnectFailure(_ error: any Error, place: String) -> WebSocketError {
        // A proxy hop already said what failed and where.
        if let error = error as? WebSocketError { return error }
        guard let io = error as? IOError else {
            if let channel = error as? ChannelError, case .connectTimeout(let amount) = channel {
                return WebSocketError(.timeout, "connect timeout: no TCP connection to \(place) within \(seconds(amount))")
            }
            return WebSocketError(.connect, "cannot connect to \(place): \(error)")
        }
        switch io.errnoCode {
        case ECONNREFUSED: return WebSocketError(.connect, "connection refused (\(place))")
        case ENETUNREACH: return WebSocketError(.connect, "network unreachable (\(place))")
        case EHOSTUNREACH: return WebSocketError(.connect, "host unreachable (\(place))")
        case ETIMEDOUT: return WebSocketError(.timeout, "connect timeout (\(place))")
        case ECONNRESET: return WebSocketError(.connectionLost, "connection reset by peer (\(place))")
        case EPIPE: return WebSocketError(.connectionLost, "connection closed by peer while writing (\(place))")
        default: return WebSocketError(.connect, "cannot connect to \(place): \(io)")
        }
    }

    private static func describeTLS(_ error: any Error, place: String, host: String) -> WebSocketError {
        let reason = HopErrors.tlsReason(error, name: host) ?? "handshake failed"
        if String(describing: error).contains("uncleanShutdown") {
            return WebSocketError(.tls, "TLS: \(place) closed the connection without a TLS close_notify")
        }
        return WebSocketError(.tls, "TLS: \(reason) (\(place))")
    }

    /// Whether `error` only says how the TCP (or TLS) connection ended: a reset, a broken pipe, an end of file or
    /// a TLS close without close_notify, as opposed to a protocol or configuration failure.
    static func isTransportEnd(_ error: any Error) -> Bool {
        if let io = error as? IOError { return [ECONNRESET, EPIPE, ECONNABORTED].contains(io.errnoCode) }
        if let channel = error as? ChannelError {
            switch channel {
            case .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed: return true
            default: return false
            }
        }
        return String(describing: error).contains("uncleanShutdown")
    }

    /// "5 s", "0.25 s".
    static func seconds(_ amount: TimeAmount) -> String {
        let value = Double(amount.nanoseconds) / 1e9
        return value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    /// "5 s", "0.25 s".
    static func seconds(_ duration: Duration) -> String {
        let (s, attoseconds) = duration.components
        let value = Double(s) + Double(attoseconds) / 1e18
        return value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}

extension Duration {
    /// The duration as a NIO `TimeAmount`.
    var timeAmount: TimeAmount {
        let (seconds, attoseconds) = components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
