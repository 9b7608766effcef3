/// Receiving, frame by frame: control frames, fragments and their reassembly, the size limit, UTF-8 of text
/// (also of a frame still arriving), inflation, the closing handshake and failures.
extension WebSocketConnection {
    /// Parses one frame; returns false when more bytes are needed or the connection ended.
    mutating func parseOneFrame(into events: inout [ConnectionEvent]) -> Bool {
        let parsed: Frame?
        do {
            parsed = try parser.next()
        } catch {
            fail(error, into: &events)
            return false
        }
        // Consumed: unwrapping a copy kept the optional alive beside it, a retain and a release per frame.
        guard let frame = consume parsed else {
            checkPartialFrame(into: &events)
            return false
        }
        if parser.capturesWireBytes {
            // The frame goes ahead of the events it causes, keeping wire order. It is put there once handled, so
            // that it moves into its event instead of being copied (a retain and a release per frame of a tapped
            // flood), and so that a compressed frame can carry what it inflated to, known only then.
            let slot = events.count
            frameInflated = nil
            handle(frame, into: &events)
            if let inflated = frameInflated {
                var reported = consume frame
                reported.inflatedPayload = inflated
                events.insert(.frameReceived(reported), at: slot)
            } else if slot == events.count {
                // The usual case, a data frame that caused no event yet: `append`, as `insert` even at the end
                // goes through `replaceSubrange` (PROFILE.md).
                events.append(.frameReceived(frame))
            } else {
                events.insert(.frameReceived(frame), at: slot)
            }
        } else {
            handle(frame, into: &events)
        }
        framesCompleted += 1
        return true
    }

    mutating func handle(_ frame: Frame, into events: inout [ConnectionEvent]) {
        let header = frame.header
        if header.rsv1 && (header.opcode.isControl || header.opcode == .continuation) {
            // Only the first frame of a compressed message carries RSV1 (RFC 7692 §6).
            fail(.protocolError("RSV1 set on a \(header.opcode.name) frame"), into: &events)
            return
        }
        switch header.opcode {
        case .ping:
            if !closeSent { outbound.append(makeFrame(.pong, payload: frame.payload)) }
            events.append(.ping(frame.payload))
        case .pong:
            events.append(.pong(frame.payload))
        case .close:
            handleClose(frame.payload, into: &events)
        case .continuation:
            guard let opcode = messageOpcode else {
                fail(.protocolError("CONT frame without a fragmented message to continue"), into: &events)
                return
            }
            appendFragment(frame, opcode: opcode, into: &events)
        default:  // text or binary: reserved opcodes never leave the parser
            if let unfinished = messageOpcode {
                fail(
                    .protocolError("\(header.opcode.name) frame while a fragmented \(unfinished.name) message is unfinished"), into: &events
                )
                return
            }
            messageOpcode = header.opcode
            messageUTF8 = UTF8Validator()
            messageCompressed = header.rsv1
            messageDelivered = deliversMessages && !messageDiverted
            messageDiverted = false
            appendFragment(frame, opcode: header.opcode, into: &events)
        }
    }

    mutating func appendFragment(_ frame: Frame, opcode: Opcode, into events: inout [ConnectionEvent]) {
        fragmentCount += 1
        if fragmentCount > configuration.maxFragments {
            fail(.policy("message has more than \(configuration.maxFragments) fragments"), into: &events)
            return
        }
        guard messageCompressed, let inflater else {
            // Handed on borrowed: a copy of the payload here was a retain and a release per frame.
            appendData(frame.payload, fin: frame.header.fin, opcode: opcode, into: &events)
            return
        }
        // Inflate frame by frame, capped at what is left of the message limit, so a bomb fails at the limit.
        var inflated: [UInt8] = []
        let limit = Int(clamping: configuration.maxPayloadSize - messageSize)
        do {
            try frame.payload.withUnsafeBytes { try inflater.inflate($0, into: &inflated, limit: limit) }
            if frame.header.fin {
                let trailer: [UInt8] = [0x00, 0x00, 0xFF, 0xFF]
                try trailer.withUnsafeBytes { try inflater.inflate($0, into: &inflated, limit: limit) }
            }
        } catch InflateFailure.tooBig {
            fail(.tooBig("inflated size passed the \(SizeWords.size(configuration.maxPayloadSize)) limit"), into: &events)
            return
        } catch {
            let why = (error as? InflateFailure).map { if case .corrupt(let m) = $0 { m } else { "" } } ?? "\(error)"
            fail(.invalidPayload("permessage-deflate: cannot inflate the message: \(why)"), into: &events)
            return
        }
        if parser.capturesWireBytes { frameInflated = inflated }
        appendData(inflated, fin: frame.header.fin, opcode: opcode, into: &events)
    }

    /// The size-limit failure, worded the same whether a whole frame or only its header showed it, so a split
    /// changes nothing.
    func messageTooBig(atLeast size: UInt64) -> ProtocolViolation {
        .tooBig("message size passed the \(SizeWords.size(configuration.maxPayloadSize)) limit (at least \(SizeWords.size(size)))")
    }

    /// Adds a frame's application data (its payload, or what it inflated to) to the message in flight: checks
    /// the size limit and the UTF-8 of text, and at the last frame makes the message.
    mutating func appendData(_ data: [UInt8], fin: Bool, opcode: Opcode, into events: inout [ConnectionEvent]) {
        messageSize += UInt64(data.count)
        if messageSize > configuration.maxPayloadSize {
            fail(messageTooBig(atLeast: messageSize), into: &events)
            return
        }
        if opcode == .text {
            // Continue from where validation of the partial frame stopped, so each byte is checked once.
            var validator = messageUTF8
            var from = 0
            if speculativeFrame == framesCompleted {
                validator = speculativeUTF8
                from = speculativeOffset
            }
            if messageCompressed { from = 0 }  // only uncompressed payloads are checked ahead of time
            let ok = data.withUnsafeBytes { validator.validate(UnsafeRawBufferPointer(rebasing: $0[from...])) }
            speculativeFrame = -1
            guard ok else {
                fail(.invalidPayload("text message is not valid UTF-8"), into: &events)
                return
            }
            messageUTF8 = validator
            if fin && !validator.isComplete {
                fail(.invalidPayload("text message ends inside a UTF-8 sequence"), into: &events)
                return
            }
        }
        let isSingleFrame = fin && fragmentCount == 1
        if !isSingleFrame && messageDelivered { messageBuffer.append(contentsOf: data) }
        guard fin else { return }

        if messageCompressed && peerResetsContext { inflater?.reset() }
        messageCompressed = false
        var assembled: [UInt8] = []
        swap(&assembled, &messageBuffer)
        messageOpcode = nil
        messageSize = 0
        fragmentCount = 0
        // Messages that arrive after we started closing are dropped, as the WHATWG API requires.
        guard messageDelivered && !closeSent else { return }
        let payload = isSingleFrame ? data : assembled
        let message: Message
        if opcode == .binary {
            message = .binary(payload)
        } else {
            message = configuration.decodesText ? .text(String(decoding: payload, as: UTF8.self)) : .utf8Text(payload)
        }
        events.append(.message(message))
    }

    /// Checks what has arrived of a frame still in flight: its size against the message limit, and its UTF-8.
    mutating func checkPartialFrame(into events: inout [ConnectionEvent]) {
        guard let header = parser.partialFrameHeader, !header.opcode.isControl else { return }
        let continuesMessage = header.opcode == .continuation && messageOpcode != nil
        let startsMessage = header.opcode != .continuation && messageOpcode == nil
        guard continuesMessage || startsMessage else { return }  // the frame will fail when complete
        // RSV1 on a continuation fails when the frame is complete (`handle`); judging its payload first would give
        // the same bytes a different close code depending on how they were split.
        if header.rsv1 && header.opcode == .continuation { return }
        // The fragment limit before the payload, in the order a whole frame is checked: otherwise bad UTF-8 in a
        // fragment over the limit fails with 1007 or 1008 depending on where a read ends.
        if continuesMessage && fragmentCount + 1 > configuration.maxFragments {
            fail(.policy("message has more than \(configuration.maxFragments) fragments"), into: &events)
            return
        }
        // Compressed bytes say nothing about the inflated size or its UTF-8; those are checked while inflating.
        if (startsMessage && header.rsv1) || (continuesMessage && messageCompressed) { return }
        if continuesMessage && messageSize + header.payloadLength > configuration.maxPayloadSize {
            fail(messageTooBig(atLeast: messageSize + header.payloadLength), into: &events)
            return
        }
        let opcode = continuesMessage ? messageOpcode! : header.opcode
        guard opcode == .text else { return }
        if speculativeFrame != framesCompleted {
            speculativeFrame = framesCompleted
            speculativeOffset = 0
            speculativeUTF8 = continuesMessage ? messageUTF8 : UTF8Validator()
        }
        let arrived = parser.partialPayloadCount
        guard arrived > speculativeOffset else { return }
        let ok = parser.withPartialPayload(from: speculativeOffset) { speculativeUTF8.validate($0) }
        speculativeOffset = arrived
        if !ok { fail(.invalidPayload("text message is not valid UTF-8"), into: &events) }
    }

    mutating func handleClose(_ payload: [UInt8], into events: inout [ConnectionEvent]) {
        var code: UInt16?
        var reason = ""
        if payload.count == 1 {
            fail(.protocolError("CLOSE frame with a 1-byte payload"), into: &events)
            return
        }
        if payload.count >= 2 {
            let value = UInt16(payload[0]) << 8 | UInt16(payload[1])
            guard CloseCode.isValidOnWire(value) else {
                fail(.protocolError("CLOSE frame with invalid code \(value)"), into: &events)
                return
            }
            let reasonBytes = payload[2...]
            guard UTF8Validator.isValid(reasonBytes) else {
                fail(.invalidPayload("CLOSE frame reason is not valid UTF-8"), into: &events)
                return
            }
            code = value
            reason = String(decoding: reasonBytes, as: UTF8.self)
        }
        if state == .open {
            // Echo the peer's code (RFC 6455 §5.5.1); an empty Close answers an empty Close.
            var echo: [UInt8] = []
            if let code { echo = [UInt8(code >> 8), UInt8(code & 0xFF)] }
            outbound.append(makeFrame(.close, payload: echo))
        }
        state = .closed
        events.append(.closeReceived(code: code, reason: reason))
    }

    mutating func fail(_ violation: ProtocolViolation, into events: inout [ConnectionEvent]) {
        guard readsInput else { return }
        if state == .open {
            outbound.append(makeFrame(.close, payload: Self.closePayload(code: violation.closeCode, reason: violation.reason)))
        }
        state = .failed(violation)
        events.append(.failed(violation))
    }
}
