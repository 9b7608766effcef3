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

    private enum State { case idle, resolving, awaitingMethod, awaitingAuthentication, awaitingReply, established, failed }

    private let proxy: Socks5Proxy
    private let target: TunnelTarget
    private let tap: WireTap?
    private var state = State.idle
    private var address: Socks5Messages.Address?
    private var received: [UInt8] = []

    init(proxy: Socks5Proxy, target: TunnelTarget, tap: WireTap?) {
        self.proxy = proxy
        self.target = target
        self.tap = tap
    }

    private var offersPassword: Bool { proxy.username != nil }

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
                    self.fail(context, WebSocketError(
                        .dns, "DNS: cannot resolve \(host) (socks5:// resolves here; socks5h:// lets \(self.proxy) resolve it): \(error)"))
                }
            }
            return
        }
        sendGreeting(context)
    }

    private func sendGreeting(_ context: ChannelHandlerContext) {
        state = .awaitingMethod
        send(Socks5Messages.greeting(offeringPassword: offersPassword), context)
    }

    private func send(_ bytes: [UInt8], _ context: ChannelHandlerContext) {
        tap?(WireRecord(direction: .sent, content: .proxy(bytes)))
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch state {
        case .awaitingMethod, .awaitingAuthentication, .awaitingReply:
            received.append(contentsOf: unwrapInboundIn(data).readableBytesView)
            process(context)
        case .idle, .resolving, .established, .failed:
            break  // a proxy that speaks out of turn is ignored; the handshake timeout bounds the wait
        }
    }

    /// Consumes every complete message in `received`.
    private func process(_ context: ChannelHandlerContext) {
        while true {
            switch state {
            case .awaitingMethod:
                guard let message = take(2) else { return }
                guard message[0] == 0x05 else { return failNotSocks(context, firstByte: message[0]) }
                switch message[1] {
                case Socks5Messages.noAuthentication:
                    sendConnect(context)
                case Socks5Messages.usernamePassword where offersPassword:
                    state = .awaitingAuthentication
                    send(Socks5Messages.credentials(username: proxy.username ?? "", password: proxy.password ?? ""), context)
                case Socks5Messages.noAcceptableMethods:
                    let offered = offersPassword ? "no authentication, username/password" : "no authentication"
                    let hint = offersPassword ? "" : "; it probably wants a username and password (socks5://user:pass@…)"
                    return fail(context, WebSocketError(
                        .proxy, "\(proxy) accepts none of the offered authentication methods (\(offered))\(hint)"))
                default:
                    return fail(context, WebSocketError(
                        .proxy, "\(proxy) chose authentication method \(Socks5Messages.hex(message[1])), which was not offered"))
                }
            case .awaitingAuthentication:
                guard let message = take(2) else { return }
                guard message[0] == 0x01 else {
                    // RFC 1929's reply starts with its own version, 1; anything else is not an answer to it.
                    return fail(context, WebSocketError(
                        .proxy, "\(proxy) answered the username/password step with version \(Socks5Messages.hex(message[0])), not 0x01; it does not speak RFC 1929 authentication"))
                }
                guard message[1] == 0x00 else {
                    return fail(context, WebSocketError(
                        .proxy, "\(proxy) rejected the username and password (RFC 1929 status \(Socks5Messages.hex(message[1])))"))
                }
                sendConnect(context)
            case .awaitingReply:
                if received.count >= 2, received[0] == 0x05, received[1] != 0x00 {
                    // A refusal is final; some proxies close before sending the address part, so don't wait for it.
                    let code = received[1]
                    record(received)
                    received = []
                    return fail(context, WebSocketError(
                        .proxy, "\(proxy): \(Socks5Messages.replyName(code)) (reply \(Socks5Messages.hex(code)))"))
                }
                if let first = received.first, first != 0x05 { return failNotSocks(context, firstByte: first) }
                let length: Int
                switch Socks5Messages.replyLength(received) {
                case .incomplete: return
                case .complete(let count): length = count
                case .unknownAddressType(let type):
                    record(received)
                    received = []
                    return fail(context, WebSocketError(
                        .proxy, "\(proxy) answered CONNECT with address type \(Socks5Messages.hex(type)), which SOCKS5 does not define; the tunnel was not opened"))
                }
                guard take(length) != nil else { return }
                let leftover = received
                received = []
                state = .established
                TunnelHandoff.complete(context: context, handler: self, target: target, leftover: leftover)
                return
            case .idle, .resolving, .established, .failed:
                return
            }
        }
    }

    private func sendConnect(_ context: ChannelHandlerContext) {
        state = .awaitingReply
        guard let address else { return }
        send(Socks5Messages.connect(address, port: target.port), context)
    }

    /// Removes and returns the first `count` received bytes, recording them on the tap.
    private func take(_ count: Int) -> [UInt8]? {
        guard received.count >= count else { return nil }
        let message = Array(received.prefix(count))
        received.removeFirst(count)
        record(message)
        return message
    }

    private func record(_ bytes: [UInt8]) {
        tap?(WireRecord(direction: .received, content: .proxy(bytes)))
    }

    private func failNotSocks(_ context: ChannelHandlerContext, firstByte: UInt8) {
        let looksHTTP = firstByte == UInt8(ascii: "H")
        fail(context, WebSocketError(
            .proxy,
            "\(proxy) answered with version \(Socks5Messages.hex(firstByte)), not SOCKS5"
                + (looksHTTP ? " (it looks like an HTTP proxy: use http://)" : "")))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        switch state {
        case .idle, .resolving, .awaitingMethod, .awaitingAuthentication, .awaitingReply:
            fail(context, HopErrors.duringTunnel(error, proxy: proxy.description, proxyName: proxy.host))
        case .established, .failed:
            context.fireErrorCaught(error)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        let stage: String?
        switch state {
        case .resolving, .awaitingMethod: stage = "before choosing an authentication method"
        case .awaitingAuthentication: stage = "during username/password authentication (credentials refused?)"
        case .awaitingReply: stage = "before answering CONNECT"
        case .idle, .established, .failed: stage = nil
        }
        if let stage { fail(context, WebSocketError(.proxy, "\(proxy) closed the connection \(stage)")) }
        context.fireChannelInactive()
    }

    private func fail(_ context: ChannelHandlerContext, _ error: WebSocketError) {
        state = .failed
        context.fireErrorCaught(error)
    }
}
