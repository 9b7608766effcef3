import NIOCore
import NIOSSL
import NIOTLS  // TLSUserEvent; NIOSSL depends on NIOTLS, so it is built already

/// Checks, inside a proxy tunnel, that the target's certificate names the IP address the URL gave (see
/// `TunnelTLSContexts`). It holds `channelActive` back until the check passed, so the WebSocket upgrade request
/// is never sent to a server whose certificate does not match; then it leaves the pipeline.
final class TargetAddressVerifier: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let target: TunnelTarget
    private let expected: [UInt8]
    private var activeHeld = false
    private var verified = false

    init(target: TunnelTarget, expected: [UInt8]) {
        self.target = target
        self.expected = expected
    }

    func channelActive(context: ChannelHandlerContext) {
        if verified { context.fireChannelActive() } else { activeHeld = true }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        context.fireUserInboundEventTriggered(event)
        guard let tlsEvent = event as? TLSUserEvent, case .handshakeCompleted = tlsEvent else { return }
        let certificate = try? context.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self).peerCertificate
        let matches = certificate.map { certificate in
            certificate._subjectAlternativeNames().contains { name in
                name.nameType == .ipAddress && Array(name.contents) == expected
            }
        } ?? false
        guard matches else {
            context.fireErrorCaught(WebSocketError(
                .tls, "TLS to \(target.hopDescription): certificate does not match \(target.host) (it has no IP address entry for it)"))
            return
        }
        verified = true
        if activeHeld { context.fireChannelActive() }
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }
}
