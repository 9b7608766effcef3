import NIOCore

/// Sits right behind the target's TLS handler inside a proxy tunnel and says so in its errors: "TLS to target
/// localhost:9443 (through proxy 127.0.0.1:3128): certificate for localhost not trusted (…)", so they are not
/// taken for failures of TLS to the proxy.
final class TargetTLSErrorLabeler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let target: TunnelTarget

    init(target: TunnelTarget) { self.target = target }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let name = target.identity.description
        guard var labelled = HopErrors.tls(error, hop: target.hopDescription, name: name) else {
            context.fireErrorCaught(error)
            return
        }
        if String(describing: error).contains("uncleanShutdown") {
            // With TLS 1.3 a server checks the client certificate (missing or not trusted) only after the client's
            // handshake is done, and often just hangs up.
            labelled = WebSocketError(
                .tls,
                labelled.message
                    + (target.hasClientCertificate
                        ? "; the server may have refused the client certificate"
                        : "; no client certificate was configured, and the server may require one"))
        }
        context.fireErrorCaught(labelled)
    }
}
