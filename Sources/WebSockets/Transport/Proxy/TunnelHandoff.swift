import NIOCore
import NIOSSL

/// What a tunnel handler does once its proxy has opened the tunnel: put the target's TLS in the pipeline right
/// behind itself (for `wss:`), wake the WebSocket handler with the `channelActive` it held back, pass on any bytes
/// that came after the proxy's answer, and leave the pipeline.
enum TunnelHandoff {
    static func complete(
        context: ChannelHandlerContext, handler: any RemovableChannelHandler, target: TunnelTarget, leftover: [UInt8]
    ) {
        let operations = context.pipeline.syncOperations
        if let tls = target.tls {
            do {
                // Added back to front, each right after the tunnel handler: tunnel, TLS, (address verifier),
                // labeler, WebSocket.
                try operations.addHandler(TargetTLSErrorLabeler(target: target), position: .after(handler))
                if let expected = target.verifyAddress {
                    try operations.addHandler(TargetAddressVerifier(target: target, expected: expected), position: .after(handler))
                }
                try operations.addHandler(
                    NIOSSLClientHandler(context: tls, serverHostname: target.serverName), position: .after(handler))
            } catch {
                context.fireErrorCaught(WebSocketError(.tls, "TLS to \(target.hopDescription): cannot start: \(error)"))
                return
            }
        }
        context.fireChannelActive()
        if !leftover.isEmpty {
            context.fireChannelRead(NIOAny(context.channel.allocator.buffer(bytes: leftover)))
        }
        operations.removeHandler(context: context, promise: nil)
    }
}
