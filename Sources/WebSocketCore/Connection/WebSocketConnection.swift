/// The RFC 6455 connection state machine, after the opening handshake: bytes in, events and frames to send out.
///
/// It reassembles fragmented messages (with control frames interleaved), answers pings, runs the closing handshake,
/// validates UTF-8 as bytes arrive (failing mid-frame), and maps every violation to its close code. It owns no
/// socket and no clock: the caller feeds bytes, writes `takeOutbound()`, and decides when to drop TCP.
public struct WebSocketConnection: Sendable {
    /// Where the closing handshake stands. A peer's Close is answered at once, so "received but not answered"
    /// never lasts and has no case.
    public enum State: Sendable, Hashable {
        /// Data may flow both ways.
        case open
        /// We sent a Close frame and wait for the peer's.
        case closeSent
        /// Close frames went both ways: only TCP teardown remains.
        case closed
        /// The peer broke a rule: a Close with the violation's code was queued (unless ours had already gone), and
        /// input is ignored from here on.
        case failed(ProtocolViolation)
    }

    /// The configuration the connection was made with.
    public let configuration: ConnectionConfiguration
    /// The closing-handshake state.
    public private(set) var state: State = .open

    /// Whether a Close frame has been queued by us.
    public var closeSent: Bool { state != .open }
    /// Whether a Close frame arrived from the peer.
    public var closeReceived: Bool { state == .closed }
    /// The violation the connection failed with, if any.
    public var failure: ProtocolViolation? {
        if case .failed(let violation) = state { violation } else { nil }
    }
    /// Whether input is still read: neither the peer's Close nor a violation has ended it.
    private var readsInput: Bool {
        switch state {
        case .open, .closeSent: true
        case .closed, .failed: false
        }
    }

    private var parser: FrameParser
    private var outbound: [OutboundFrame] = []
    private var keys = MaskingKeySource()
    /// Events parsed but not yet returned, newest first, so `nextEvent()` moves each out with `popLast()`
    /// rather than copying it out by index (a retain and release per event of a flood).
    private var pendingEvents: [ConnectionEvent] = []

    // The message being reassembled.
    private var messageOpcode: Opcode?
    private var messageBuffer: [UInt8] = []
    private var messageSize: UInt64 = 0
    private var fragmentCount = 0
    private var messageUTF8 = UTF8Validator()
    private var messageCompressed = false
    /// Whether the message in flight will be reported (``deliversMessages`` when it began).
    private var messageDelivered = true
    /// Whether the caller took the arriving message's payload (`divertArrivingPayload`), so it is not reported.
    private var messageDiverted = false

    // permessage-deflate, when negotiated.
    private let deflater: ZlibDeflater?
    private let inflater: ZlibInflater?
    private var frameInflated: [UInt8]?

    // Validation of the partial frame's payload ahead of its arrival in full (fail fast on bad UTF-8).
    private var framesCompleted = 0
    private var speculativeFrame = -1
    private var speculativeOffset = 0
    private var speculativeUTF8 = UTF8Validator()

    /// Creates a connection in the open state.
    public init(configuration: ConnectionConfiguration) {
        self.configuration = configuration
        self.parser = FrameParser(
            role: configuration.role, maxPayloadSize: configuration.maxPayloadSize,
            permitsRSV1: configuration.deflate != nil, capturesWireBytes: configuration.capturesWireBytes)
        if let deflate = configuration.deflate {
            let ourBits = configuration.role == .client ? deflate.clientMaxWindowBits : deflate.serverMaxWindowBits
            deflater = ZlibDeflater(windowBits: ourBits, level: deflate.compressionLevel)
            inflater = ZlibInflater()
        } else {
            deflater = nil
            inflater = nil
        }
    }

    /// Whether messages we send may be compressed (permessage-deflate was negotiated).
    public var isCompressing: Bool { deflater != nil }

    /// Whether frames come back with wire bytes. May be switched on or off at any time.
    public var capturesWireBytes: Bool {
        get { parser.capturesWireBytes }
        set { parser.capturesWireBytes = newValue }
    }

    /// Whether complete messages are reported as `.message` events. A client whose only observer is the wire tap
    /// switches it off: every message is still checked (size, fragments, UTF-8, inflation) and every frame still
    /// reported, but no payload is reassembled or decoded into a string nobody reads. A change applies from the
    /// next message, so a message is never delivered with fragments missing.
    package var deliversMessages = true

    /// Bytes read but not yet part of a complete frame.
    public var bufferedByteCount: Int { parser.bufferedByteCount }

    // MARK: Receiving

    /// Feeds received bytes and appends what they mean to `events`.
    ///
    /// This parses everything at once. A caller that must react to each message before the next frame is read
    /// (an echo client answering before a later violation closes the connection) uses `lend` (or `append`) and
    /// `nextEvent`.
    public mutating func receive(_ bytes: UnsafeRawBufferPointer, into events: inout [ConnectionEvent]) {
        lend(bytes)
        while let event = nextEvent() { events.append(event) }
        endLoan()
    }

    /// Feeds received bytes and returns what they mean.
    public mutating func receive<Bytes: Sequence>(_ bytes: Bytes) -> [ConnectionEvent] where Bytes.Element == UInt8 {
        var events: [ConnectionEvent] = []
        let array = Array(bytes)
        array.withUnsafeBytes { receive($0, into: &events) }
        return events
    }

    /// Adds received bytes without parsing them yet; `nextEvent()` parses one frame at a time.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard readsInput else { return }
        parser.append(bytes)
    }

    /// Lends received bytes without parsing them yet: `nextEvent()` reads the frames that lie whole in them in
    /// place, instead of copying every byte into the parser's buffer first (see `FrameParser.lend`). `bytes` must
    /// stay valid and unchanged until `endLoan()`, which must come before the next `append` or `lend`.
    public mutating func lend(_ bytes: UnsafeRawBufferPointer) {
        guard readsInput else { return }
        parser.lend(bytes)
    }

    /// Ends the loan of `lend(_:)`: lent bytes not parsed yet (the caller stopped asking for events) are copied
    /// and parsed later, unless the connection has failed or received a Close, after which input is ignored.
    public mutating func endLoan() {
        parser.endLoan(keepingUnparsed: readsInput)
    }

    /// The length of a message still arriving that is one uncompressed binary frame, once `nextEvent()` has read
    /// its header; `nil` otherwise. Its bytes are final as they come (binary needs no UTF-8 check, and the length
    /// already passed the size limit), so an echo may send them on before the message completes
    /// (`withArrivingPayload`). Fragmented and compressed messages are only known whole.
    package var arrivingBinaryMessageLength: Int? {
        guard state == .open, deliversMessages, messageOpcode == nil, let header = parser.partialFrameHeader,
              header.opcode == .binary, header.fin, !header.rsv1 else { return nil }
        return Int(header.payloadLength)
    }

    /// How many payload bytes of the frame still arriving have come.
    package var arrivingPayloadCount: Int { parser.partialPayloadCount }

    /// Calls `body` with the arriving frame's payload from position `offset` on, unmasked.
    package func withArrivingPayload<Result>(from offset: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        parser.withPartialPayload(from: offset, body)
    }

    /// How many bytes of the arriving message's payload (`arrivingBinaryMessageLength`) are still to come, once it
    /// is large enough to be collected directly; 0 otherwise.
    package var divertablePayloadCount: Int { arrivingBinaryMessageLength == nil ? 0 : parser.divertablePayloadCount }

    /// Takes the next received bytes (at most `divertablePayloadCount`) of the arriving message's payload,
    /// unmasked into `target`, instead of appending them: an echo forwards them without a copy kept here. The
    /// message is then not reported when it completes; its caller has had all of it.
    package mutating func divertArrivingPayload(_ bytes: UnsafeRawBufferPointer, into target: UnsafeMutableRawBufferPointer) {
        precondition(bytes.count <= divertablePayloadCount, "diverted bytes go past the arriving message")
        parser.divertPayload(bytes, into: target)
        messageDiverted = true
    }

    /// The next event from the bytes appended so far, parsing at most one more frame; `nil` when more bytes are
    /// needed (or the connection has failed or received a Close, after which input is ignored).
    public mutating func nextEvent() -> ConnectionEvent? {
        if let event = pendingEvents.popLast() { return event }
        var produced: [ConnectionEvent] = []
        swap(&produced, &pendingEvents)  // reuse the array's storage without overlapping access to self
        while produced.isEmpty && readsInput {
            guard parseOneFrame(into: &produced) else { break }
        }
        produced.reverse()
        swap(&produced, &pendingEvents)
        return pendingEvents.popLast()
    }

    /// Parses one frame; returns false when more bytes are needed or the connection ended.
    private mutating func parseOneFrame(into events: inout [ConnectionEvent]) -> Bool {
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

    private mutating func handle(_ frame: Frame, into events: inout [ConnectionEvent]) {
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
                fail(.protocolError("\(header.opcode.name) frame while a fragmented \(unfinished.name) message is unfinished"), into: &events)
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

    private mutating func appendFragment(_ frame: Frame, opcode: Opcode, into events: inout [ConnectionEvent]) {
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
    private func messageTooBig(atLeast size: UInt64) -> ProtocolViolation {
        .tooBig("message size passed the \(SizeWords.size(configuration.maxPayloadSize)) limit (at least \(SizeWords.size(size)))")
    }

    /// Adds a frame's application data (its payload, or what it inflated to) to the message in flight: checks
    /// the size limit and the UTF-8 of text, and at the last frame makes the message.
    private mutating func appendData(_ data: [UInt8], fin: Bool, opcode: Opcode, into events: inout [ConnectionEvent]) {
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
    private mutating func checkPartialFrame(into events: inout [ConnectionEvent]) {
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

    private mutating func handleClose(_ payload: [UInt8], into events: inout [ConnectionEvent]) {
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

    private mutating func fail(_ violation: ProtocolViolation, into events: inout [ConnectionEvent]) {
        guard readsInput else { return }
        if state == .open {
            outbound.append(makeFrame(.close, payload: Self.closePayload(code: violation.closeCode, reason: violation.reason)))
        }
        state = .failed(violation)
        events.append(.failed(violation))
    }

    // MARK: Sending

    /// Queues a text message; returns `false` (and queues nothing) once closing has started.
    @discardableResult
    public mutating func sendText(_ text: String) -> Bool { send(.text, payload: Array(text.utf8)) }

    /// Queues a binary message; returns `false` once closing has started.
    @discardableResult
    public mutating func sendBinary(_ bytes: [UInt8]) -> Bool { send(.binary, payload: bytes) }

    /// Queues a data frame with any opcode, for callers that build fragments themselves. A whole message
    /// (`fin` on a text or binary frame) is compressed when permessage-deflate is in use and it is large enough.
    @discardableResult
    public mutating func send(_ opcode: Opcode, payload: [UInt8], fin: Bool = true) -> Bool {
        if fin, let compressed = payload.withUnsafeBytes({ compressedFrameForSending(opcode, payload: $0) }) {
            outbound.append(compressed)
            return true
        }
        guard var header = headerForSending(opcode, payloadLength: payload.count) else { return false }
        header.fin = fin
        outbound.append(OutboundFrame(header: header, payload: payload))
        return true
    }

    /// The compressed frame for a whole message, or `nil` when it goes uncompressed: permessage-deflate not in
    /// use, the message under the compression threshold, not a data opcode, or closing already started.
    public mutating func compressedFrameForSending(_ opcode: Opcode, payload: UnsafeRawBufferPointer) -> OutboundFrame? {
        guard let deflater, let deflate = configuration.deflate, state == .open,
            opcode == .text || opcode == .binary, payload.count >= deflate.compressionThreshold
        else { return nil }
        let compressed = deflater.compress(payload)
        if ourResetsContext { deflater.reset() }
        guard var header = headerForSending(opcode, payloadLength: compressed.count) else { return nil }
        header.rsv1 = true
        return OutboundFrame(header: header, payload: compressed)
    }

    /// Whether the peer resets its compressor after each message, so our inflater must too.
    private var peerResetsContext: Bool {
        guard let deflate = configuration.deflate else { return false }
        return configuration.role == .client ? deflate.serverNoContextTakeover : deflate.clientNoContextTakeover
    }

    /// Whether we reset our compressor after each message.
    private var ourResetsContext: Bool {
        guard let deflate = configuration.deflate else { return false }
        return configuration.role == .client ? deflate.clientNoContextTakeover : deflate.serverNoContextTakeover
    }

    /// The header for a data frame the caller will encode itself (straight into its own buffer, avoiding a copy),
    /// or `nil` once closing has started and data may no longer be sent.
    public mutating func headerForSending(_ opcode: Opcode, payloadLength: Int) -> FrameHeader? {
        guard state == .open else { return nil }
        let key = configuration.role == .client ? keys.next() : nil
        return FrameHeader(opcode: opcode, maskingKey: key, payloadLength: UInt64(payloadLength))
    }

    /// Queues a ping; `payload` must be at most 125 bytes. Returns `false` once closing has started.
    @discardableResult
    public mutating func sendPing(_ payload: [UInt8] = []) -> Bool {
        precondition(payload.count <= 125, "ping payload over 125 bytes")
        guard state == .open else { return false }
        outbound.append(makeFrame(.ping, payload: payload))
        return true
    }

    /// Starts the closing handshake with an optional code and reason (at most 123 UTF-8 bytes).
    /// Returns `false` when a Close was already sent.
    @discardableResult
    public mutating func close(code: UInt16? = nil, reason: String = "") -> Bool {
        guard state == .open else { return false }
        let payload = code.map { Self.closePayload(code: $0, reason: reason) } ?? []
        outbound.append(makeFrame(.close, payload: payload))
        state = .closeSent
        return true
    }

    /// The frames queued since the last call, in order.
    public mutating func takeOutbound() -> [OutboundFrame] {
        defer { outbound.removeAll(keepingCapacity: true) }
        return outbound
    }

    /// Whether frames are waiting in `takeOutbound()`.
    public var hasOutbound: Bool { !outbound.isEmpty }

    /// A frame with this role's masking: a fresh CSPRNG key for a client, none for a server.
    public mutating func makeFrame(_ opcode: Opcode, payload: [UInt8]) -> OutboundFrame {
        let key = configuration.role == .client ? keys.next() : nil
        return OutboundFrame(header: FrameHeader(opcode: opcode, maskingKey: key, payloadLength: UInt64(payload.count)), payload: payload)
    }

    /// A Close payload: the code in network order and the reason cut to 123 bytes on a character boundary.
    public static func closePayload(code: UInt16, reason: String) -> [UInt8] {
        var reasonBytes = Array(reason.utf8)
        if reasonBytes.count > 123 {
            reasonBytes = Array(reasonBytes[..<123])
            while !UTF8Validator.isValid(reasonBytes) { reasonBytes.removeLast() }
        }
        return [UInt8(code >> 8), UInt8(code & 0xFF)] + reasonBytes
    }
}
