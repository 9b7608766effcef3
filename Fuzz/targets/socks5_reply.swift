/// The SOCKS5 client's reading of a proxy (RFC 1928 method choice and `CONNECT` reply, RFC 1929 status), as
/// `Socks5Exchange` does it for `Socks5ClientHandler`.
///
/// Properties: any split gives the same requests sent, the same failure, and the same outcome; once established,
/// the bytes recorded for the tap and the leftover handed to the tunnel are exactly the input, and the reply was a
/// success with a defined address type and its exact length; the credentials step happens only when they were
/// offered; every failure names the proxy.
@_cdecl("LLVMFuzzerTestOneInput")
public func socks5ReplyFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let config = input.byte()
    let credentials = config & 1 != 0
    let addresses: [Socks5Messages.Address] = [.ipv4([127, 0, 0, 1]), .ipv6(Array(repeating: 0, count: 15) + [1]), .domain("example.com")]
    let address = addresses[Int(config >> 1) % 3]
    let cuts = input.cuts(maxCount: 4, length: size)
    let stream = input.rest()
    let cutPoints = cuts.map { min($0, stream.count) }

    func exchange() -> Socks5Exchange {
        Socks5Exchange(
            proxy: "SOCKS5 proxy 127.0.0.1:1080", username: credentials ? "user" : nil, password: credentials ? "pass" : nil,
            address: address, port: 8080)
    }
    let whole = ExchangeRun(exchange(), pieces: [stream[...]])
    let split = ExchangeRun(exchange(), pieces: pieces(of: stream, at: cutPoints))
    require(whole.sent == split.sent, "a split changed what was sent")
    require(
        whole.failure == split.failure,
        "a split changed the failure: \(String(describing: whole.failure)) vs \(String(describing: split.failure))")
    require(whole.leftover == split.leftover, "a split changed the outcome or the leftover")
    require(whole.sent.count <= 2, "more than credentials and CONNECT sent")
    if !credentials { require(whole.sent.allSatisfy { $0.first == 0x05 }, "credentials sent though none were offered") }
    if let failure = whole.failure { require(failure.message.contains("SOCKS5 proxy 127.0.0.1:1080"), "failure does not name the proxy") }
    if let leftover = whole.leftover {
        require(whole.recorded.flatMap { $0 } + leftover == stream, "recorded bytes and leftover are not the input")
        require(whole.recorded.flatMap { $0 } == split.recorded.flatMap { $0 }, "a split changed what was recorded")
        let reply = whole.recorded.last ?? []
        require(reply.count >= 5 && reply[0] == 5 && reply[1] == 0, "established without a success reply")
        require(Socks5Messages.replyLength(reply) == .complete(reply.count), "reply of the wrong length")
    } else {
        require(stream.starts(with: whole.recorded.flatMap { $0 }), "recorded bytes are not the input")
    }
    return 0
}

/// What an exchange makes of some pieces. Pieces after the tunnel opens are the tunnel's, so they join the leftover.
struct ExchangeRun {
    var sent: [[UInt8]] = []
    var recorded: [[UInt8]] = []
    var failure: WebSocketError?
    var leftover: [UInt8]?

    init(_ start: Socks5Exchange, pieces: [ArraySlice<UInt8>]) {
        var exchange = start
        for piece in pieces {
            if leftover != nil {
                leftover! += piece
                continue
            }
            for step in exchange.receive(piece) {
                switch step {
                case .send(let bytes): sent.append(bytes)
                case .received(let bytes): recorded.append(bytes)
                case .failed(let error): failure = error
                case .established(let rest): leftover = rest
                }
            }
        }
    }
}
