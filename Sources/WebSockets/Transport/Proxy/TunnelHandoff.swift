import Logging
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
                // Each is added right after the tunnel handler, so the pipeline reads: tunnel, TLS, identity check,
                // labeler (which names the target in TLS errors), WebSocket.
                let labeler = TargetTLSErrorLabeler(target: target)
                try operations.addHandler(labeler, position: .after(handler))
                try ConnectionPlan.addTLS(
                    tls, identity: target.identity, verify: target.verifiesIdentity, hop: target.hopDescription,
                    to: operations, after: handler)
            } catch {
                context.fireErrorCaught(
                    WebSocketError(.tls, "TLS to \(target.hopDescription): cannot start (the server name cannot be sent as SNI)"))
                return
            }
        }
        LibraryLog.make().debug("tunnel to \(target.address) through \(target.proxyDescription) is open")
        context.fireChannelActive()
        if !leftover.isEmpty {
            context.fireChannelRead(NIOAny(context.channel.allocator.buffer(bytes: leftover)))
        }
        operations.removeHandler(context: context, promise: nil)
    }
}
