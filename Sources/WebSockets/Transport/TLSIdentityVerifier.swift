import Logging
import NIOCore
import NIOSSL
import NIOTLS  // TLSUserEvent; NIOSSL depends on NIOTLS, so it is built already

/// Sits right behind a `NIOSSLClientHandler` and checks, once the handshake is done, that the certificate names
/// the `TLSIdentity` the user asked for (see there for why NIOSSL's own check is off). It holds `channelActive`
/// back until then, so nothing (an upgrade request with its headers, a `CONNECT`) is sent to a peer that has not
/// proved who it is, and the wire tap logs the request when it really goes out; then it leaves the pipeline.
/// Without an identity (verification off) it only holds `channelActive` until the TLS handshake is done.
final class TLSIdentityVerifier: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private enum State {
        case handshaking(activeHeld: Bool)
        case verified
        case failed
    }

    private let identity: TLSIdentity?
    private let hop: String
    private var state = State.handshaking(activeHeld: false)

    /// - Parameters:
    ///   - identity: What the certificate must name; nil when verification is off.
    ///   - hop: How the hop is named in errors, e.g. "127.0.0.1:9443", "proxy 127.0.0.1:8443" or
    ///     "target bank.example:443 (through proxy 127.0.0.1:3128)".
    init(identity: TLSIdentity?, hop: String) {
        self.identity = identity
        self.hop = hop
    }

    func channelActive(context: ChannelHandlerContext) {
        switch state {
        case .handshaking: state = .handshaking(activeHeld: true)
        case .verified: context.fireChannelActive()
        case .failed: break
        }
    }

    /// A failed verification of a certificate out of its dates is reported with the dates (the handshake failed,
    /// but the peer's certificate arrived and can still be read).
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let certificate = try? context.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self).peerCertificate
        let name = identity.map { "\($0)" } ?? hop
        context.fireErrorCaught(CertificateValidityError.explain(error, certificate: certificate, name: name) ?? error)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        context.fireUserInboundEventTriggered(event)
        guard let tlsEvent = event as? TLSUserEvent, case .handshakeCompleted = tlsEvent,
            case .handshaking(let activeHeld) = state
        else { return }
        let certificate = try? context.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self).peerCertificate
        if let identity, !(certificate.map(identity.isNamed(by:)) ?? false) {
            state = .failed
            let names = certificate.map { "it is for " + TLSIdentity.names(in: $0) } ?? "the server sent no certificate"
            context.fireErrorCaught(
                WebSocketError(
                    .tls, "TLS to \(hop): certificate does not match \(identity) (\(names)); refusing to talk to it"))
            context.close(promise: nil)
            return
        }
        state = .verified
        LibraryLog.make().debug(
            "TLS to \(hop): handshake done\(identity.map { ", certificate names \($0)" } ?? ", certificate not checked (insecure)")")
        if activeHeld { context.fireChannelActive() }
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }
}
