import WebSocketCore

/// What a test client saw that it did not expect.
enum ClientError: Error, CustomStringConvertible {
    /// The server closed TCP while the client was waiting for an event.
    case endOfStream
    /// An event other than the one the test waited for.
    case unexpected(ConnectionEvent)

    var description: String {
        switch self {
        case .endOfStream: return "server closed the connection"
        case .unexpected(let event): return "unexpected event \(event)"
        }
    }
}

/// A request head sent and the response head read back, before anyone judged the response.
struct RawHandshake {
    /// The connection, positioned after the response head.
    let socket: BlockingSocket
    /// The request that was sent.
    let request: HandshakeRequest
    /// The server's response head.
    let response: HTTPHead
    /// Bytes that followed the response head in the same reads.
    let leftover: [UInt8]

    /// Connects to the server and exchanges heads; `extensions` are offered verbatim.
    init(
        port: Int, target: String, protocols: [String] = [], extensions: [String] = [], headers: HTTPHeaders = HTTPHeaders()
    ) throws {
        socket = try BlockingSocket(port: port)
        request = try HandshakeRequest(
            host: "127.0.0.1", port: port, secure: false, target: target, protocols: protocols,
            extensionOffers: extensions, customHeaders: headers)
        try socket.write(request.serialized())
        var parser = HTTPHeadParser()
        while true {
            let bytes = try socket.read()
            guard !bytes.isEmpty else { throw ClientError.endOfStream }
            if let head = try parser.append(bytes) {
                response = head
                break
            }
        }
        leftover = parser.leftover
    }

    /// Checks the response as a client must.
    func validate(offeredExtensions: Set<String> = []) throws(HandshakeError) -> NegotiatedHandshake {
        try HandshakeValidator.validate(
            response, key: request.key, offeredProtocols: request.protocols, offeredExtensions: offeredExtensions)
    }
}

/// A minimal blocking WebSocket client built only from the core: `HandshakeRequest`, `HandshakeValidator` and a
/// client-role `WebSocketConnection`. Tests use it to talk to the real server over loopback.
final class TestClient {
    let socket: BlockingSocket
    /// What the handshake settled.
    let handshake: NegotiatedHandshake
    /// The permessage-deflate parameters the server's answer settled, if it accepted the offer.
    let deflate: NegotiatedDeflate?
    private var connection: WebSocketConnection
    private var events: [ConnectionEvent] = []
    private var nextIndex = 0
    /// RSV1 of the first frame of each data message received, in order (recorded only when deflate was offered).
    private(set) var compressedMessages: [Bool] = []

    /// Connects, sends the handshake, and validates the response; a broken response throws `HandshakeError`.
    /// With `deflate`, permessage-deflate is offered and, if the server accepts, used both ways.
    init(
        port: Int, target: String = "/", protocols: [String] = [], headers: HTTPHeaders = HTTPHeaders(),
        deflate offer: PerMessageDeflateOffer? = nil, maxPayloadSize: UInt64 = 256 << 20
    ) throws {
        let raw = try RawHandshake(
            port: port, target: target, protocols: protocols, extensions: offer.map { [$0.headerValue] } ?? [],
            headers: headers)
        socket = raw.socket
        handshake = try raw.validate(offeredExtensions: offer == nil ? [] : [PerMessageDeflateOffer.name])
        if let offer, let element = handshake.extensionList.first {
            deflate = try offer.negotiate(element)
        } else {
            deflate = nil
        }
        connection = WebSocketConnection(
            configuration: .init(
                role: .client, maxPayloadSize: maxPayloadSize, capturesWireBytes: offer != nil, deflate: deflate))
        events = connection.receive(raw.leftover)
        try writeOutbound()
    }

    // MARK: Sending

    func send(text: String) throws {
        connection.sendText(text)
        try writeOutbound()
    }

    func send(binary: [UInt8]) throws {
        connection.sendBinary(binary)
        try writeOutbound()
    }

    func ping(_ payload: [UInt8]) throws {
        connection.sendPing(payload)
        try writeOutbound()
    }

    func close(code: UInt16? = CloseCode.normalClosure, reason: String = "") throws {
        connection.close(code: code, reason: reason)
        try writeOutbound()
    }

    /// Writes bytes as they are, bypassing the core.
    func writeRaw(_ bytes: [UInt8]) throws { try socket.write(bytes) }

    private func writeOutbound() throws {
        let frames = connection.takeOutbound()
        guard !frames.isEmpty else { return }
        try socket.write(frames.flatMap { $0.encoded() })
    }

    // MARK: Receiving

    /// The next event, reading as needed; the core's replies (pongs, Close echo) are written at once. Frame
    /// reports (on when deflate was offered) are consumed here, noting which messages came compressed.
    func nextEvent() throws -> ConnectionEvent {
        while true {
            while nextIndex == events.count {
                events.removeAll(keepingCapacity: true)
                nextIndex = 0
                let bytes = try socket.read()
                guard !bytes.isEmpty else { throw ClientError.endOfStream }
                events = connection.receive(bytes)
                try writeOutbound()
            }
            let event = events[nextIndex]
            nextIndex += 1
            guard case .frameReceived(let frame) = event else { return event }
            if frame.header.opcode == .text || frame.header.opcode == .binary { compressedMessages.append(frame.header.rsv1) }
        }
    }

    /// Reads until at least `count` payload bytes of a frame still arriving have come, and returns that frame's
    /// length if it is a single-frame binary message (what a streamed echo sends). A timeout is an error.
    func readArrivingPayload(atLeast count: Int) throws -> Int? {
        while connection.arrivingPayloadCount < count {
            let bytes = try socket.read()
            guard !bytes.isEmpty else { throw ClientError.endOfStream }
            events += connection.receive(bytes)
        }
        return connection.arrivingBinaryMessageLength
    }

    /// Whether permessage-deflate is in use for what the client sends.
    var isCompressing: Bool { connection.isCompressing }

    /// The next data message; any other event is an error.
    func nextMessage() throws -> Message {
        let event = try nextEvent()
        guard case .message(let message) = event else { throw ClientError.unexpected(event) }
        return message
    }

    /// The next event, which must be the server's Close; returns its code and reason.
    func nextClose() throws -> (code: UInt16?, reason: String) {
        let event = try nextEvent()
        guard case .closeReceived(let code, let reason) = event else { throw ClientError.unexpected(event) }
        return (code, reason)
    }

    /// Waits until the server closes TCP; events still buffered in the client are discarded.
    func waitForEndOfStream() throws {
        try socket.readToEnd()
    }
}
