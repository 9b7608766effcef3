import Logging
import NIOCore

/// Opens a SOCKS5 tunnel (RFC 1928, with RFC 1929 username/password) before the WebSocket handler speaks.
///
/// Written here rather than taken from swift-nio-extras' `NIOSOCKS`, whose client offers no username/password
/// authentication. It holds back `channelActive`, resolves the target's name first for `socks5://`, then runs
/// greeting → (credentials) → `CONNECT`, and on success hands over (see `TunnelHandoff`). Failures fire a
/// `.proxy` `WebSocketError` naming the proxy and, for a refused `CONNECT`, the RFC's name of the reply code.
/// Every message either way is recorded on the wire tap as a `.proxy` record.
final class Socks5ClientHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum State { case idle, resolving, exchanging, established, failed }

    private let proxy: Socks5Proxy
    private let target: TunnelTarget
    private let tap: WireTap?
    private var state = State.idle
    private var address: Socks5Messages.Address?
    /// What the proxy's bytes mean, once the greeting is sent.
    private var exchange: Socks5Exchange?

    init(proxy: Socks5Proxy, target: TunnelTarget, tap: WireTap?) {
        self.proxy = proxy
        self.target = target
        self.tap = tap
    }

    func connect(context: ChannelHandlerContext, to address: SocketAddress, promise: EventLoopPromise<Void>?) {
        ProxyConnect.forward(context: context, to: address, promise: promise, proxy: proxy.description)
    }

    func channelActive(context: ChannelHandlerContext) {
        guard state == .idle else { return }
        if let literal = IPAddressBytes.parse(target.host) {
            address = literal.count == 4 ? .ipv4(literal) : .ipv6(literal)
        } else if !proxy.resolvesLocally {
            guard target.host.utf8.count <= 255 else {
                fail(context, WebSocketError(.proxy, "\(proxy): host name \(target.host) is longer than SOCKS5's 255 bytes"))
                return
            }
            address = .domain(target.host)
        } else {
            state = .resolving
            let host = target.host
            LocalResolver.resolve(host, on: context.eventLoop).assumeIsolated().whenComplete { result in
                guard self.state == .resolving else { return }
                switch result {
                case .success(let bytes):
                    self.address = bytes.count == 4 ? .ipv4(bytes) : .ipv6(bytes)
                    self.sendGreeting(context)
                case .failure(let error):
                    self.fail(
                        context,
                        WebSocketError(
                            .dns,
                            "DNS: cannot resolve \(host) (socks5:// resolves here; socks5h:// lets \(self.proxy) resolve it): \(error)"))
                }
            }
            return
        }
        sendGreeting(context)
    }

    private func sendGreeting(_ context: ChannelHandlerContext) {
        guard let address else { return }
        let started = Socks5Exchange(
            proxy: proxy.description, username: proxy.username, password: proxy.password, address: address, port: target.port)
        exchange = started
        state = .exchanging
        LibraryLog.make().trace("\(proxy): asking for a tunnel to \(target.address)")
        send(started.greeting, context)
    }

    private func send(_ bytes: [UInt8], _ context: ChannelHandlerContext) {
        tap?(WireRecord(direction: .sent, content: .proxy(bytes)))
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // A proxy that speaks out of turn is ignored; the handshake timeout bounds the wait.
        guard state == .exchanging, var exchange else { return }
        let steps = exchange.receive(unwrapInboundIn(data).readableBytesView)
        self.exchange = exchange
        for step in steps {
            switch step {
            case .received(let bytes): tap?(WireRecord(direction: .received, content: .proxy(bytes)))
            case .send(let bytes): send(bytes, context)
            case .failed(let error): fail(context, error)
            case .established(let leftover):
                state = .established
                TunnelHandoff.complete(context: context, handler: self, target: target, leftover: leftover)
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        switch state {
        case .idle, .resolving, .exchanging:
            fail(context, HopErrors.duringTunnel(error, proxy: proxy.description, proxyName: proxy.host))
        case .established, .failed:
            context.fireErrorCaught(error)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        let stage: String?
        switch (state, exchange?.stage) {
        case (.resolving, _), (.exchanging, .awaitingMethod): stage = "before choosing an authentication method"
        case (.exchanging, .awaitingAuthentication): stage = "during username/password authentication (credentials refused?)"
        case (.exchanging, .awaitingReply): stage = "before answering CONNECT"
        default: stage = nil
        }
        if let stage { fail(context, WebSocketError(.proxy, "\(proxy) closed the connection \(stage)")) }
        context.fireChannelInactive()
    }

    private func fail(_ context: ChannelHandlerContext, _ error: WebSocketError) {
        state = .failed
        context.fireErrorCaught(error)
    }
}
