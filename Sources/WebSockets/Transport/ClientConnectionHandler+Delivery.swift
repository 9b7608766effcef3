import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import WebSocketCore

/// Inbound delivery: bytes from the socket through the core to the sink, paused while the sink pushes back.
extension ClientConnectionHandler {
    func readFrames(_ buffer: ByteBuffer) {
        guard connection != nil else { return }
        readTime = tap == nil ? nil : Date()
        // Lent, not appended: frames that lie whole in the read are parsed where NIO put them, so each payload is
        // copied once, into its frame, instead of first into the parser's buffer as well. What delivery leaves
        // unparsed (the sink pushed back) is copied when the loan ends, while the read's bytes are still valid.
        buffer.withUnsafeReadableBytes { bytes in
            connection!.lend(bytes)
            processEvents()
            connection?.endLoan()
        }
    }

    /// Hands parsed frames to the application while its sink takes them. When the sink pushes back (no consumer
    /// attached yet, or a stream reader behind its high-water mark) frames stay unparsed and reading pauses, so
    /// TCP pushes back on the server and nothing piles up for nobody; the sink's ready hook resumes.
    /// Returns whether delivery stopped because the sink pushed back.
    @discardableResult
    func processEvents() -> Bool {
        let pushedBack = deliverEvents()
        // Within a read batch the sink hears of the batch's end once, at `channelReadComplete`, so a stream's reader
        // on another thread is woken once per batch, not per read (PROFILE.md). A sink that pushed back is told
        // now: its consumer must drain it.
        if !inReadBatch || pushedBack { shared.sink.batchEnded() }
        return pushedBack
    }

    /// The loop of `processEvents`: returns whether delivery stopped because the sink pushed back.
    func deliverEvents() -> Bool {
        sinkReady = shared.sink.readyForMore()
        // Asked once per read batch and passed on to the connection, which then skips building unwanted messages.
        let messagesWanted = shared.sink.wantsMessages()
        if let delivers = connection?.deliversMessages, delivers != messagesWanted {
            connection?.deliversMessages = messagesWanted
        }
        // One event at a time, with the frames it caused written before the next frame is parsed: an application
        // that answers a message from its callback answers before a later frame can fail the connection.
        // The optional is tested once a turn, by `nextEvent()`: testing it is a call of its own per message now that
        // the connection's state carries a failure (PROFILE.md).
        while true {
            // Only a message changes the sink's answer, and delivering one returns it (no second lock).
            guard sinkReady else {
                if !readingPaused {
                    readingPaused = true
                    context?.channel.setOption(ChannelOptions.autoRead, value: false).whenFailure { _ in }
                }
                return true
            }
            guard let event = connection?.nextEvent() else { return false }
            // Decided before the event is handled, so that handling can move its frame into the tap's record.
            let isMessage: Bool
            let isDataFrame: Bool
            switch event {
            case .message: (isMessage, isDataFrame) = (true, false)
            case .frameReceived(let frame): (isMessage, isDataFrame) = (false, !frame.header.opcode.isControl)
            default: (isMessage, isDataFrame) = (false, false)
            }
            handle(event)
            // Without message deliveries nothing else would notice a `pause()` before the next read.
            if !messagesWanted && !shared.sink.readyForMore() { sinkReady = false }
            // Only control frames and failures make the connection queue frames of its own (a pong, a close);
            // a data frame never does, so a flood skips the check. Sends from callbacks write themselves.
            if isMessage {
                // The read's last message, answered from its callback: the answer leaves now, before the message
                // is freed and the parser asked again, since no later message of this read could join it.
                if needsFlush && connection?.bufferedByteCount == 0, let context { flushIfNeeded(context) }
            } else if !isDataFrame {
                writeOutbound()
            }
        }
    }

    /// The sink can take more: parse what was held back and, unless it pushes back again, read again.
    func resumeDelivery() {
        guard phase == .open || phase == .draining, let context else { return }
        let pushedBack = processEvents()
        if phase == .draining {
            if !pushedBack { finish() }
            return
        }
        context.flush()
        if !pushedBack && readingPaused {
            readingPaused = false
            context.channel.setOption(ChannelOptions.autoRead, value: true).whenFailure { _ in }
        }
    }

    func handle(_ event: consuming ConnectionEvent) {
        switch consume event {
        case .frameReceived(let frame):
            // A tap attached during this read has no read time yet: its first frames take the time they are seen.
            tap?(WireRecord(time: readTime ?? Date(), direction: .received, content: .frame(frame)))
        case .message(let message):
            switch message {
            case .text(let text):
                sinkReady = shared.sink.deliver(.event(MessageEvent(data: .text(text))))
            case .binary(let bytes):
                let data: MessageData = binaryType == .data ? .data(Data(bytes)) : .bytes(bytes)
                sinkReady = shared.sink.deliver(.event(MessageEvent(data: data)))
            case .utf8Text(let bytes):
                sinkReady = shared.sink.deliver(.utf8Text(bytes))
            }
        case .ping:
            break  // the state machine queued the pong
        case .pong(let payload):
            shared.sink.emit(.pong(PongEvent(payload: payload, roundTripTime: pings.received(payload))))
        case .closeReceived(let code, let reason):
            receivedClose = (code, reason)
            setClosing()
            startCloseTimer()
        case .failed(let violation):
            fail(WebSocketError(.protocolViolation, violation.headline, closeCode: violation.closeCode))
            setClosing()
            startCloseTimer()
        }
    }

    func setClosing() {
        shared.state.withLockedValue { s in
            if s.readyState == .open { s.readyState = .closing }
        }
    }
}
