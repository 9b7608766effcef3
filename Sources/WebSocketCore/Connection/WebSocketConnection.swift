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
    public internal(set) var state: State = .open

    /// Whether a Close frame has been queued by us.
    public var closeSent: Bool { state != .open }
    /// Whether a Close frame arrived from the peer.
    public var closeReceived: Bool { state == .closed }
    /// The violation the connection failed with, if any.
    public var failure: ProtocolViolation? {
        if case .failed(let violation) = state { violation } else { nil }
    }
    /// Whether input is still read: neither the peer's Close nor a violation has ended it.
    var readsInput: Bool {
        switch state {
        case .open, .closeSent: true
        case .closed, .failed: false
        }
    }

    var parser: FrameParser
    var outbound: [OutboundFrame] = []
    var keys = MaskingKeySource()
    /// Events parsed but not yet returned, newest first, so `nextEvent()` moves each out with `popLast()`
    /// rather than copying it out by index (a retain and release per event of a flood).
    var pendingEvents: [ConnectionEvent] = []

    // The message being reassembled.
    var messageOpcode: Opcode?
    var messageBuffer: [UInt8] = []
    var messageSize: UInt64 = 0
    var fragmentCount = 0
    var messageUTF8 = UTF8Validator()
    var messageCompressed = false
    /// Whether the message in flight will be reported (``deliversMessages`` when it began).
    var messageDelivered = true
    /// Whether the caller took the arriving message's payload (`divertArrivingPayload`), so it is not reported.
    var messageDiverted = false

    // permessage-deflate, when negotiated.
    let deflater: ZlibDeflater?
    let inflater: ZlibInflater?
    var frameInflated: [UInt8]?

    // Validation of the partial frame's payload ahead of its arrival in full (fail fast on bad UTF-8).
    var framesCompleted = 0
    var speculativeFrame = -1
    var speculativeOffset = 0
    var speculativeUTF8 = UTF8Validator()

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
            header.opcode == .binary, header.fin, !header.rsv1
        else { return nil }
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
}
