import NIOCore
import WebSocketCore

/// The server side of one relayed connection: hands what the client does to the gateway's events, pauses reading
/// when the gateway's queue toward the upstream is full, and holds back the upstream reader while the client is
/// slow to take what is written to it.
final class RelayBehaviour: Behaviour {
    private let events: any RelayClientEvents
    /// Set when the gateway's queue toward the upstream is full; cleared by `resumeReading`.
    private(set) var pausedByGateway = false
    /// The upstream reader waiting for the client's channel to drain; completed `true` when it can send again,
    /// `false` when the client is gone.
    private var drainWaiter: EventLoopPromise<Bool>?
    private var hasEnded = false
    /// The data frames of the message arriving now, handed on with it.
    private var pieces: [FramePiece] = []

    init(events: any RelayClientEvents) {
        self.events = events
    }

    var readsFromClient: Bool { !pausedByGateway }
    var takesMessages: Bool { !pausedByGateway }
    var readsOnlyWhenWritable: Bool { false }

    func start(_ session: ServerSession) {
        session.capturesFrames = true
    }

    func receivedFrame(_ frame: Frame) {
        guard !frame.header.opcode.isControl else { return }
        pieces.append(FramePiece(frame))
    }

    func received(_ message: Message, on session: ServerSession) {
        let frames = pieces
        pieces.removeAll(keepingCapacity: true)
        if !events.clientSent(message, frames: frames) { pausedByGateway = true }
    }

    func receivedClose(code: UInt16?, reason: String, on session: ServerSession) {
        events.clientClosed(code: code, reason: reason)
    }

    func failed(_ violation: ProtocolViolation, on session: ServerSession) {
        events.clientFailed(violation)
    }

    func resume(_ session: ServerSession) {
        guard let waiter = drainWaiter, session.isWritable else { return }
        drainWaiter = nil
        waiter.succeed(true)
    }

    func ended() {
        guard !hasEnded else { return }
        hasEnded = true
        drainWaiter?.succeed(false)
        drainWaiter = nil
        events.clientGone()
    }

    /// Lets reads from the client go on; `true` if they had been paused.
    func unpause() -> Bool {
        defer { pausedByGateway = false }
        return pausedByGateway
    }

    /// Writes a message from the upstream to the client (the caller flushes once per batch), in frames of
    /// `frameSizes` bytes when given (its fragmentation on the upstream leg); `sent` completes once
    /// the client's channel can take more (`true`) or the client is gone (`false`). Writability counts what is
    /// written but not yet flushed, so it is right before the flush.
    func forward(_ message: Message, frameSizes: [Int]?, on session: ServerSession, sent: EventLoopPromise<Bool>) {
        guard !hasEnded, session.canSendData else {
            sent.succeed(false)
            return
        }
        if let frameSizes {
            session.send(message, frameSizes: frameSizes)
        } else {
            session.send(message)
        }
        if session.isWritable {
            sent.succeed(true)
        } else {
            drainWaiter?.succeed(true)
            drainWaiter = sent
        }
    }
}

/// Events for a client the relay refused to connect: nothing it does goes anywhere.
struct IgnoredClientEvents: RelayClientEvents {
    func clientSent(_ message: Message, frames: [FramePiece]) -> Bool { true }
    func clientClosed(code: UInt16?, reason: String) {}
    func clientFailed(_ violation: ProtocolViolation) {}
    func clientGone() {}
}
