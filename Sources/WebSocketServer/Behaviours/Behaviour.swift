import WebSocketCore

/// What the server does on one upgraded connection.
///
/// One instance per connection, called only on that connection's event loop, so implementations are plain
/// classes with unsynchronised state. Every hook has a default: a conformer overrides only what differs from echo.
protocol Behaviour: AnyObject {
    /// Whether the client's Close is answered and TCP then closed; `false` only to test client close timeouts.
    var answersClose: Bool { get }
    /// Whether the server keeps reading from the client; `false` only to test a client whose writes cannot drain.
    var readsFromClient: Bool { get }
    /// Whether a large binary message is echoed while it arrives (`ServerSession.echoArrivingPayload`) instead of
    /// reaching `received`; only for behaviours whose answer to a binary message is that message.
    var echoesWhileArriving: Bool { get }
    /// Whether reading from the client pauses while the channel cannot take writes; an echo must (its answers
    /// would pile up), a relay must not (what it writes to the client comes from the other side, not from reads).
    var readsOnlyWhenWritable: Bool { get }
    /// Whether the next message may be parsed now; `false` leaves the rest of a read unparsed in the core, so a
    /// read of small compressed frames cannot inflate into more than one message past a relay's bound.
    var takesMessages: Bool { get }
    /// Runs once, right after the 101 response was written.
    func start(_ session: ServerSession)
    /// Runs for every frame from the client, before the message it completes; only once the session captures
    /// frames (`ServerSession.capturesFrames`), which the relay turns on to keep a message's fragmentation.
    func receivedFrame(_ frame: Frame)
    /// Runs for every complete message from the client.
    func received(_ message: Message, on session: ServerSession)
    /// Runs when the channel can take writes again after pushing back.
    func resume(_ session: ServerSession)
    /// Runs when the client's Close arrives, before the core's answer is written.
    func receivedClose(code: UInt16?, reason: String, on session: ServerSession)
    /// Runs when the client broke a rule; the core has queued its failure Close.
    func failed(_ violation: ProtocolViolation, on session: ServerSession)
    /// Runs once when the TCP connection has closed, however it ended.
    func ended()
}

extension Behaviour {
    var answersClose: Bool { true }
    var readsFromClient: Bool { true }
    var echoesWhileArriving: Bool { false }
    var readsOnlyWhenWritable: Bool { true }
    var takesMessages: Bool { true }
    func start(_ session: ServerSession) {}
    func receivedFrame(_ frame: Frame) {}
    /// Echo, keeping the opcode: text comes back as text, binary as binary.
    func received(_ message: Message, on session: ServerSession) { session.send(message) }
    func resume(_ session: ServerSession) {}
    func receivedClose(code: UInt16?, reason: String, on session: ServerSession) {}
    func failed(_ violation: ProtocolViolation, on session: ServerSession) {}
    func ended() {}
}
