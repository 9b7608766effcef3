import NIOCore
import Synchronization
import WebSocketCore

/// The relay's handle on one client connection of the listener: a thread-safe way to answer its handshake, send it
/// messages, close it and let its reads go on. Every call hops to the client's event loop.
package final class RelayClientLeg: Sendable {
    /// The client's address, `host:port`, or "unknown" for a channel without one.
    package let peer: String
    private let eventLoop: any EventLoop
    private let handler: NIOLoopBound<ServerChannelHandler>
    private let context: NIOLoopBound<ChannelHandlerContext>
    /// Messages `send` was given that the event loop has not taken yet, and whether a task to take them is on its
    /// way. One task takes all there are and flushes once, so a flood of small messages costs one hop and one write
    /// to the socket per batch, not per message.
    private let outbox = Mutex<(waiting: [RelayedSend], scheduled: Bool)>(([], false))

    init(handler: ServerChannelHandler, context: ChannelHandlerContext) {
        eventLoop = context.eventLoop
        self.handler = NIOLoopBound(handler, eventLoop: context.eventLoop)
        self.context = NIOLoopBound(context, eventLoop: context.eventLoop)
        if let address = context.channel.remoteAddress, let ip = address.ipAddress, let port = address.port {
            peer = HostPort.address(host: ip, port: port)
        } else {
            peer = "unknown"
        }
    }

    /// Answers 101 with `protocol` (the upstream's choice, `nil` for none) and this side's own permessage-deflate
    /// agreement, then starts reading. The future gives the `Sec-WebSocket-Extensions` value answered ("" for
    /// none), or fails when the client left while the upstream was being opened.
    package func accept(protocol chosen: String?, events: any RelayClientEvents) -> EventLoopFuture<String> {
        let handler = self.handler
        let context = self.context
        return eventLoop.submit {
            try handler.value.acceptRelay(protocol: chosen, events: events, context: context.value)
        }
    }

    /// Answers 101 without a subprotocol and at once closes with `code` and `reason`: how a browser's script
    /// learns why the upstream would not have it (a refused handshake is otherwise just an error event).
    package func refuse(code: UInt16, reason: String) {
        let handler = self.handler
        let context = self.context
        eventLoop.execute {
            guard (try? handler.value.acceptRelay(protocol: nil, events: IgnoredClientEvents(), context: context.value)) != nil
            else { return }
            handler.value.closeRelayed(code: code, reason: reason, context: context.value)
        }
    }

    /// Sends a message to the client, in frames of `frameSizes` bytes when given (`nil`: one frame). The future
    /// gives `true` once the client's channel can take more (at once unless it is above its high-water mark) and
    /// `false` if the client is gone or closing: the caller waits on it before reading the next message from the
    /// upstream, which is the relay's backpressure toward the client.
    ///
    /// With `flush` false the message only waits in the outbox until a later call flushes (or `flush()`): the
    /// caller knows more messages follow at once, and waking the event loop once for all of them is what keeps a
    /// flood of small messages from costing a wake-up, a write and a read at the client per message.
    package func send(_ message: Message, frameSizes: [Int]? = nil, flush: Bool = true) -> EventLoopFuture<Bool> {
        let sent = eventLoop.makePromise(of: Bool.self)
        let schedules = outbox.withLock { box in
            box.waiting.append(RelayedSend(message: message, frameSizes: frameSizes, sent: sent))
            guard flush, !box.scheduled else { return false }
            box.scheduled = true
            return true
        }
        if schedules { scheduleBatch() }
        return sent.futureResult
    }

    /// Hands the event loop what waits in the outbox, if anything does and no task is on its way for it.
    package func flush() {
        let schedules = outbox.withLock { box in
            guard !box.waiting.isEmpty, !box.scheduled else { return false }
            box.scheduled = true
            return true
        }
        if schedules { scheduleBatch() }
    }

    /// One task that takes everything in the outbox; tasks run in order, so a later `close` still follows.
    private func scheduleBatch() {
        let handler = self.handler
        let context = self.context
        eventLoop.execute { [self] in
            let batch = outbox.withLock { box in
                defer {
                    box.waiting.removeAll(keepingCapacity: true)
                    box.scheduled = false
                }
                return box.waiting
            }
            handler.value.forwardRelayed(batch, context: context.value)
        }
    }

    /// Starts the closing handshake with the client (`nil`: a Close without a code), unless closing has begun.
    package func close(code: UInt16?, reason: String) {
        flush()  // what waits in the outbox goes first
        let handler = self.handler
        let context = self.context
        eventLoop.execute { handler.value.closeRelayed(code: code, reason: reason, context: context.value) }
    }

    /// Reads from the client again after `RelayClientEvents.clientSent` returned `false`.
    package func resumeReading() {
        let handler = self.handler
        let context = self.context
        eventLoop.execute { handler.value.resumeRelayedReads(context: context.value) }
    }
}

/// A message on its way to a relayed client: its frame sizes (`nil`: one frame) and the promise of its send.
struct RelayedSend {
    var message: Message
    var frameSizes: [Int]?
    var sent: EventLoopPromise<Bool>
}

/// Why a relayed client could not be answered.
struct RelayClientLeft: Error {}
