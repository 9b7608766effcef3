/// The client's side of a SOCKS5 exchange (RFC 1928, with RFC 1929 username/password) after the greeting: what the
/// proxy's bytes mean and what to answer, without I/O. Kept apart from `Socks5ClientHandler` so the parsing of
/// what a proxy sends can be tested and fuzzed without NIO.
struct Socks5Exchange {
    /// What the exchange waits for.
    enum Stage: Equatable {
        case awaitingMethod, awaitingAuthentication, awaitingReply, established, failed
    }

    /// One thing to do, in order.
    enum Step: Equatable {
        /// A whole message (or the refusal that ends the exchange) arrived, for the wire tap.
        case received([UInt8])
        /// Bytes to write to the proxy.
        case send([UInt8])
        /// The tunnel is open; `leftover` came after the reply and belongs to what runs through the tunnel.
        case established(leftover: [UInt8])
        /// The exchange failed; nothing more is read.
        case failed(WebSocketError)
    }

    /// The proxy as errors name it, e.g. "socks5 proxy 127.0.0.1:1080".
    let proxy: String
    private let username: String?
    private let password: String?
    private let address: Socks5Messages.Address
    private let port: Int
    private(set) var stage = Stage.awaitingMethod
    private var received: [UInt8] = []

    /// Starts an exchange for a `CONNECT` to `address:port`; the greeting to send first is `greeting`.
    init(proxy: String, username: String?, password: String?, address: Socks5Messages.Address, port: Int) {
        self.proxy = proxy
        self.username = username
        self.password = password
        self.address = address
        self.port = port
    }

    private var offersPassword: Bool { username != nil }

    /// The greeting that opens the exchange.
    var greeting: [UInt8] { Socks5Messages.greeting(offeringPassword: offersPassword) }

    /// Reads `bytes` from the proxy and returns what to do, consuming every complete message.
    mutating func receive<Bytes: Sequence>(_ bytes: Bytes) -> [Step] where Bytes.Element == UInt8 {
        guard stage != .established && stage != .failed else { return [] }
        received.append(contentsOf: bytes)
        var steps: [Step] = []
        while let step = nextStep(&steps), step {}
        return steps
    }

    /// Handles at most one message; returns whether another may follow (nil or false: wait for more bytes).
    private mutating func nextStep(_ steps: inout [Step]) -> Bool? {
        switch stage {
        case .awaitingMethod:
            guard let message = take(2, &steps) else { return nil }
            guard message[0] == 0x05 else { return fail(notSocks(firstByte: message[0]), &steps) }
            switch message[1] {
            case Socks5Messages.noAuthentication:
                sendConnect(&steps)
            case Socks5Messages.usernamePassword where offersPassword:
                stage = .awaitingAuthentication
                steps.append(.send(Socks5Messages.credentials(username: username ?? "", password: password ?? "")))
            case Socks5Messages.noAcceptableMethods:
                let offered = offersPassword ? "no authentication, username/password" : "no authentication"
                let hint = offersPassword ? "" : "; it probably wants a username and password (socks5://user:pass@…)"
                return fail(
                    WebSocketError(.proxy, "\(proxy) accepts none of the offered authentication methods (\(offered))\(hint)"), &steps)
            default:
                return fail(
                    WebSocketError(
                        .proxy, "\(proxy) chose authentication method \(Socks5Messages.hex(message[1])), which was not offered"), &steps)
            }
            return true
        case .awaitingAuthentication:
            guard let message = take(2, &steps) else { return nil }
            guard message[0] == 0x01 else {
                // RFC 1929's reply starts with its own version, 1; anything else is not an answer to it.
                return fail(
                    WebSocketError(
                        .proxy,
                        "\(proxy) answered the username/password step with version \(Socks5Messages.hex(message[0])), not 0x01; it does not speak RFC 1929 authentication"
                    ), &steps)
            }
            guard message[1] == 0x00 else {
                return fail(
                    WebSocketError(
                        .proxy, "\(proxy) rejected the username and password (RFC 1929 status \(Socks5Messages.hex(message[1])))"), &steps)
            }
            sendConnect(&steps)
            return true
        case .awaitingReply:
            if received.count >= 2, received[0] == 0x05, received[1] != 0x00 {
                // A refusal is final; some proxies close before sending the address part, so don't wait for it.
                let code = received[1]
                steps.append(.received(received))
                received = []
                return fail(
                    WebSocketError(.proxy, "\(proxy): \(Socks5Messages.replyName(code)) (reply \(Socks5Messages.hex(code)))"), &steps)
            }
            if let first = received.first, first != 0x05 { return fail(notSocks(firstByte: first), &steps) }
            let length: Int
            switch Socks5Messages.replyLength(received) {
            case .incomplete: return nil
            case .complete(let count): length = count
            case .unknownAddressType(let type):
                steps.append(.received(received))
                received = []
                return fail(
                    WebSocketError(
                        .proxy,
                        "\(proxy) answered CONNECT with address type \(Socks5Messages.hex(type)), which SOCKS5 does not define; the tunnel was not opened"
                    ), &steps)
            }
            guard take(length, &steps) != nil else { return nil }
            stage = .established
            steps.append(.established(leftover: received))
            received = []
            return false
        case .established, .failed:
            return nil
        }
    }

    private mutating func sendConnect(_ steps: inout [Step]) {
        stage = .awaitingReply
        steps.append(.send(Socks5Messages.connect(address, port: port)))
    }

    /// Removes and returns the first `count` received bytes, as a step for the tap.
    private mutating func take(_ count: Int, _ steps: inout [Step]) -> [UInt8]? {
        guard received.count >= count else { return nil }
        let message = Array(received.prefix(count))
        received.removeFirst(count)
        steps.append(.received(message))
        return message
    }

    private mutating func fail(_ error: WebSocketError, _ steps: inout [Step]) -> Bool {
        stage = .failed
        steps.append(.failed(error))
        return false
    }

    private func notSocks(firstByte: UInt8) -> WebSocketError {
        let looksHTTP = firstByte == UInt8(ascii: "H")
        return WebSocketError(
            .proxy,
            "\(proxy) answered with version \(Socks5Messages.hex(firstByte)), not SOCKS5"
                + (looksHTTP ? " (it looks like an HTTP proxy: use http://)" : ""))
    }
}
