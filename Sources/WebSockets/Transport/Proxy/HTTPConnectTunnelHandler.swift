import Logging
import NIOCore
import WebSocketCore

/// Opens an HTTP `CONNECT` tunnel through a proxy before the WebSocket handler speaks.
///
/// It holds back `channelActive`, writes `CONNECT`, reads the proxy's answer, and on a 2xx hands over (see
/// `TunnelHandoff`); on anything else it fires a `.proxy` `WebSocketError` naming the proxy and its status line.
/// For an `https://` proxy a TLS handler for the proxy sits in front of this one, and its errors arrive here
/// to be named "TLS to proxy …". The exchange is recorded on the wire tap as `.proxy` records.
final class HTTPConnectTunnelHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum State { case idle, awaitingAnswer, failed }

    private let proxy: HTTPProxy
    private let target: TunnelTarget
    private let tap: WireTap?
    private var state = State.idle
    private var parser = HTTPHeadParser()

    init(proxy: HTTPProxy, target: TunnelTarget, tap: WireTap?) {
        self.proxy = proxy
        self.target = target
        self.tap = tap
    }

    func connect(context: ChannelHandlerContext, to address: SocketAddress, promise: EventLoopPromise<Void>?) {
        ProxyConnect.forward(context: context, to: address, promise: promise, proxy: proxy.description)
    }

    func channelActive(context: ChannelHandlerContext) {
        guard state == .idle else { return }
        state = .awaitingAnswer
        let bytes = HTTPConnectExchange.request(host: target.host, port: target.port, proxy: proxy)
        tap?(WireRecord(direction: .sent, content: .proxy(bytes)))
        LibraryLog.make().trace("\(proxy): CONNECT \(target.address)")
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard state == .awaitingAnswer else { return }
        let buffer = unwrapInboundIn(data)
        let head: HTTPHead
        do {
            guard let parsed = try parser.append(buffer.readableBytesView) else { return }
            head = parsed
        } catch {
            fail(context, WebSocketError(.proxy, "\(proxy) sent a malformed answer to CONNECT: \(error.message)"))
            return
        }
        tap?(WireRecord(direction: .received, content: .proxy(head.rawBytes)))
        LibraryLog.make().trace("\(proxy) answered: \(head.startLine)")
        switch HTTPConnectExchange.interpret(head, proxy: proxy) {
        case .success:
            TunnelHandoff.complete(context: context, handler: self, target: target, leftover: parser.leftover)
        case .failure(let error):
            fail(context, error)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        switch state {
        case .idle, .awaitingAnswer:
            let name = TLSIdentity(host: proxy.host, serverName: proxy.tls.serverName).description
            fail(context, HopErrors.duringTunnel(error, proxy: proxy.description, proxyName: name))
        case .failed:
            context.fireErrorCaught(error)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if state == .awaitingAnswer {
            fail(context, WebSocketError(.proxy, "\(proxy) closed the connection without answering CONNECT"))
        }
        context.fireChannelInactive()
    }

    private func fail(_ context: ChannelHandlerContext, _ error: WebSocketError) {
        state = .failed
        context.fireErrorCaught(error)
    }
}
