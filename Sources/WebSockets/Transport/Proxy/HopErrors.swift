import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Error sentences for the hops of a proxied connection, so a failure says whether the proxy or the target
/// failed: "proxy 127.0.0.1:3128 refused the TCP connection", "TLS to proxy 127.0.0.1:8443: certificate not
/// trusted", "TLS to target localhost:9443 (through proxy …): …".
enum HopErrors {
    /// A failed TCP connect to the proxy.
    static func proxyConnectFailure(_ error: any Error, proxy: String) -> WebSocketError {
        if let error = error as? WebSocketError { return error }
        if let channel = error as? ChannelError, case .connectTimeout(let amount) = channel {
            return WebSocketError(.timeout, "connect timeout: no TCP connection to \(proxy) within \(ErrorDescriptions.seconds(amount))")
        }
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED: return WebSocketError(.proxy, "\(proxy) refused the TCP connection (nothing listening there?)")
            case ENETUNREACH: return WebSocketError(.proxy, "\(proxy) is unreachable (network unreachable)")
            case EHOSTUNREACH: return WebSocketError(.proxy, "\(proxy) is unreachable (host unreachable)")
            case ETIMEDOUT: return WebSocketError(.timeout, "connect timeout: no TCP connection to \(proxy)")
            default: break
            }
        }
        return WebSocketError(.proxy, "cannot connect to \(proxy): \(error)")
    }

    /// An error raised on the connection to the proxy before the tunnel was up (TLS to an `https://` proxy,
    /// a reset, …).
    static func duringTunnel(_ error: any Error, proxy: String, proxyName: String) -> WebSocketError {
        if let error = error as? WebSocketError { return error }
        if let tls = tls(error, hop: proxy, name: proxyName) { return tls }
        if let io = error as? IOError, io.errnoCode == ECONNRESET {
            return WebSocketError(.proxy, "\(proxy) reset the connection before the tunnel was up")
        }
        return WebSocketError(.proxy, "\(proxy) failed before the tunnel was up: \(error)")
    }

    /// A TLS error on one hop, or nil when `error` is not a TLS error. `hop` is e.g. "proxy 127.0.0.1:8443";
    /// `name` is the name the certificate was checked against.
    static func tls(_ error: any Error, hop: String, name: String) -> WebSocketError? {
        guard let reason = tlsReason(error, name: name) else { return nil }
        return WebSocketError(.tls, "TLS to \(hop): \(reason)")
    }

    /// What went wrong in a TLS handshake, in a person's words with the next step, or nil when `error` is not a
    /// TLS error. NIOSSL's own text (type names, BoringSSL codes, its source paths) is read, never shown.
    static func tlsReason(_ error: any Error, name: String) -> String? {
        if let validity = error as? CertificateValidityError { return validity.reason }
        guard error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError else { return nil }
        let text = String(describing: error)
        if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("certificate verify failed") {
            return "certificate for \(name) not trusted (its issuer is not a trusted CA; give the CA's certificate to trust it)"
        } else if text.contains("failedToValidateHostname") || text.contains("hostname") {
            return "certificate does not match \(name)"
        } else if text.contains("CERTIFICATE_REQUIRED") {
            return "the server requires a client certificate and none was sent"
        } else if text.contains("BAD_CERTIFICATE") || text.contains("UNKNOWN_CA") || text.contains("CERTIFICATE_UNKNOWN") {
            return "the server refused the client certificate"
        } else if text.contains("WRONG_VERSION_NUMBER") || text.contains("UNKNOWN_PROTOCOL") {
            return "the peer does not speak TLS (is it a plain-text port? then use ws:// or http://)"
        } else if text.contains("PROTOCOL_VERSION") || text.contains("UNSUPPORTED_PROTOCOL") {
            return "no TLS version both sides accept"
        } else if text.contains("uncleanShutdown") {
            return "the connection closed without a TLS close_notify"
        } else if text.contains("EOF during handshake") {
            // A server that shares no TLS version or cipher with us often hangs up without an alert, exactly as a
            // non-TLS port does: name both.
            return
                "the peer closed the connection during the TLS handshake: it is not a TLS port, or it accepts none of our TLS versions and ciphers"
        }
        return "handshake failed"
    }
}

/// Forwards an outbound `connect` and rewrites its failure so that it names the proxy.
enum ProxyConnect {
    static func forward(
        context: ChannelHandlerContext, to address: SocketAddress, promise: EventLoopPromise<Void>?, proxy: String
    ) {
        let forwarded = context.eventLoop.makePromise(of: Void.self)
        context.connect(to: address, promise: forwarded)
        forwarded.futureResult.flatMapErrorThrowing { error in
            throw HopErrors.proxyConnectFailure(error, proxy: proxy)
        }.cascade(to: promise)
    }
}
