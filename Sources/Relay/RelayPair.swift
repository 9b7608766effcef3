import NIOCore
import Synchronization
import WebSocketCore
import WebSocketServer
import WebSockets

/// One relayed connection: a client of the listener and the upstream connection opened for it, with a task
/// forwarding each direction.
///
/// Each direction is bounded: client messages wait in an `UpstreamQueue` (reads from the client pause when it is
/// full) and then in the upstream's send queue (at most the same bound in flight, `SendWindow`); upstream messages
/// are read while the sends to the client in flight hold at most the same bound (the library then stops reading the
/// upstream at its receive high-water mark). Both directions pass through an ``InterceptGate``.
final class RelayPair: RelayClientEvents {
    /// The close code a client gets when the upstream refused it or could not be reached (RFC 6455's registry:
    /// "Bad Gateway", for a proxy whose upstream failed it).
    static let refusedCode: UInt16 = 1014
    /// The close code a client gets when the upstream ended without a Close or broke the protocol: the relay, as
    /// the client's server, met a condition that stopped it from going on (RFC 6455 §7.4.1, 1011).
    static let upstreamFailedCode: UInt16 = 1011
    /// The close code the upstream gets when the client ended without a Close or broke the protocol: the relay,
    /// as the upstream's client, is going away (1001); 1006 itself may never be sent.
    static let clientGoneCode: UInt16 = 1001

    private let number: Int
    private let client: RelayClientLeg
    private let queue: UpstreamQueue
    private let bufferLimit: Int
    private let observer: any RelayObserver
    /// Which side's ending was passed on first; the other side's answer to it is not passed back.
    private let endedBy = Mutex<RelaySide?>(nil)
    /// Whether the relay itself is stopping, which is then why a client went away.
    private let isStopping: @Sendable () -> Bool
    /// Where intercept holds messages, one gate per direction (see ``InterceptGate``).
    let toServer: InterceptGate
    let toClient: InterceptGate

    init(
        number: Int, client: RelayClientLeg, bufferLimit: Int, observer: any RelayObserver,
        isStopping: @escaping @Sendable () -> Bool
    ) {
        self.number = number
        self.client = client
        self.queue = UpstreamQueue(limit: bufferLimit)
        self.bufferLimit = bufferLimit
        self.observer = observer
        self.isStopping = isStopping
        toServer = InterceptGate(connection: number, direction: .clientToServer, observer: observer)
        toClient = InterceptGate(connection: number, direction: .serverToClient, observer: observer)
    }

    /// Opens the upstream for `request`, answers the client, and forwards until both directions have ended.
    func run(_ request: RelayRequest, options: RelayOptions) async {
        let url = UpstreamURL.make(upstream: options.upstream, target: request.target, exact: options.exactUpstream)
        // The upstream's frames are seen through its tap, to send each message on in the same frames and to show
        // them (with --whole-messages too: the inspector says how a message arrived).
        let ledger = FrameLedger()
        let stream: WebSocketStream
        let upstream: WebSocketStream.Connection
        do {
            stream = try WebSocketStream(
                url: url,
                options: WebSocketStreamOptions(
                    protocols: request.protocols,
                    headers: ForwardedHeaders.make(client: request.headers, extra: options.extraHeaders),
                    dispatcher: options.dispatcher, perMessageDeflate: options.upstreamDeflate, tap: ledger.tap,
                    highWaterMark: options.bufferLimit))
            upstream = try await stream.opened
        } catch {
            let reason = CloseReason.clip("upstream refused: \(CloseReason.describe(error))")
            client.refuse(code: Self.refusedCode, reason: reason)
            observer.relay(.refused(connection: number, peer: request.peer, upstream: url, reason: reason))
            return
        }
        let clientExtensions: String
        do {
            clientExtensions = try await client.accept(
                protocol: upstream.protocol.isEmpty ? nil : upstream.protocol, events: self
            ).get()
        } catch {
            try? stream.closeForwarding(code: Self.clientGoneCode, reason: "client went away")
            return
        }
        let writer = upstream.writable
        // Sends are pipelined: each gate waits only while its window holds more than the bound in flight.
        let serverWindow = SendWindow(limit: bufferLimit)
        let clientWindow = SendWindow(limit: bufferLimit, beforeWaiting: { [client] in client.flush() })
        let whole = options.wholeMessages
        toServer.attach { message, frames, _ in
            let sizes = whole ? nil : FramePiece.sizes(of: frames, for: message.payloadByteCount)
            // `nil`: the upstream is closing; the other direction sees why and closes the client.
            guard let written = Self.enqueue(message, frameSizes: sizes, on: writer) else { return false }
            return await serverWindow.add(written, bytes: message.payloadByteCount)
        }
        toClient.attach { [client] message, frames, moreFollow in
            let sizes = whole ? nil : FramePiece.sizes(of: frames, for: message.payloadByteCount)
            let sent = client.send(message, frameSizes: sizes, flush: !moreFollow)
            return await clientWindow.add(sent, bytes: message.payloadByteCount)
        }
        // Announced once its gates can send, so an intercept or inject decided on the open row always finds them.
        observer.relay(
            .opened(
                connection: number, peer: request.peer, upstream: url, protocol: upstream.protocol,
                clientExtensions: clientExtensions, serverExtensions: upstream.extensions))
        async let serverBound: Void = forwardToServer(stream, window: serverWindow)
        async let clientBound: Void = forwardToClient(stream, readable: upstream.readable, ledger: ledger)
        _ = await (serverBound, clientBound)
    }

    // MARK: Client to server

    private func forwardToServer(_ stream: WebSocketStream, window: SendWindow) async {
        defer { toServer.finish() }
        while let (item, resume) = await queue.next() {
            if resume { client.resumeReading() }
            switch item {
            case .message(let message, let frames):
                guard await toServer.forward(message, frames: frames) else { return }
            case .close(let code, let reason):
                // Reported here, not when the Close arrived, so it comes after the messages sent before it.
                observer.relay(.closed(connection: number, by: .client, code: code, reason: reason))
                // The Close waits for the messages in flight, so it cannot overtake one.
                guard await window.drain() else { return }
                try? stream.closeForwarding(code: code, reason: reason)
                return
            case .gone(let reason):
                observer.relay(.ended(connection: number, by: .client, code: Self.clientGoneCode, reason: reason))
                _ = await window.drain()
                try? stream.closeForwarding(code: Self.clientGoneCode, reason: reason)
                return
            }
        }
    }

    /// Queues `message` on the upstream without waiting for it, in frames of `frameSizes` bytes when given; the
    /// future says whether it reached the socket.
    private static func enqueue(
        _ message: Message, frameSizes: [Int]?, on writer: WebSocketStream.Writer
    ) -> EventLoopFuture<Bool>? {
        let written: EventLoopFuture<Void>?
        switch (message, frameSizes) {
        case (.text(let text), nil): written = writer.enqueue(text: text)
        case (.text(let text), let sizes?): written = writer.enqueue(text: text, frameSizes: sizes)
        case (.utf8Text(let bytes), nil): written = writer.enqueue(text: String(decoding: bytes, as: UTF8.self))
        case (.utf8Text(let bytes), let sizes?):
            written = writer.enqueue(text: String(decoding: bytes, as: UTF8.self), frameSizes: sizes)
        case (.binary(let bytes), nil): written = writer.enqueue(bytes: bytes)
        case (.binary(let bytes), let sizes?): written = writer.enqueue(bytes: bytes, frameSizes: sizes)
        }
        return written?.map { true }.recover { _ in false }
    }

    func clientSent(_ message: Message, frames: [FramePiece]) -> Bool {
        queue.push(.message(message, frames: frames))
    }

    func clientClosed(code: UInt16?, reason: String) {
        guard claimEnding(by: .client) else { return }
        _ = queue.push(.close(code: code, reason: reason))
    }

    func clientFailed(_ violation: ProtocolViolation) {
        guard claimEnding(by: .client) else { return }
        _ = queue.push(.gone(CloseReason.clip("client broke the protocol: \(violation.reason)")))
    }

    func clientGone() {
        guard claimEnding(by: .client) else { return }
        _ = queue.push(.gone(isStopping() ? "relay stopping" : "client went away without a Close"))
    }

    // MARK: Server to client

    private func forwardToClient(
        _ stream: WebSocketStream, readable: WebSocketStream.Readable, ledger: FrameLedger
    ) async {
        defer {
            toClient.finish()
            queue.finish()
        }
        do {
            var messages = readable.makeAsyncIterator()
            while let message = try await messages.next() {
                let coreMessage: Message
                switch message {
                case .text(let text): coreMessage = .text(text)
                case .binary(let bytes): coreMessage = .binary(bytes)
                }
                let forwarded = await toClient.forward(
                    coreMessage, frames: ledger.next(), moreFollow: messages.hasBufferedMessages)
                guard forwarded else { break }
            }
            let info = try await stream.closed
            guard claimEnding(by: .server) else { return }
            let code = info.closeCode == CloseCode.noStatusReceived ? nil : info.closeCode
            observer.relay(.closed(connection: number, by: .server, code: code, reason: info.reason))
            client.close(code: code, reason: info.reason)
        } catch {
            guard claimEnding(by: .server) else { return }
            let reason = CloseReason.clip("upstream failed: \(CloseReason.describe(error))")
            observer.relay(.ended(connection: number, by: .server, code: Self.upstreamFailedCode, reason: reason))
            client.close(code: Self.upstreamFailedCode, reason: reason)
        }
    }

    /// Records that `side` ended the connection first; `false` if the other side already had.
    private func claimEnding(by side: RelaySide) -> Bool {
        endedBy.withLock { ended in
            guard ended == nil else { return false }
            ended = side
            return true
        }
    }
}
