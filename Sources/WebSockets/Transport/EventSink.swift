/// Where a connection handler delivers its events, and the gate that lets a slow consumer push back.
///
/// The handler parses one event at a time and asks `readyForMore()` before each. A sink that answers `false`
/// stops the flow: the handler leaves further frames unparsed and stops reading the socket, so TCP pushes back on
/// the server. Such a sink must later run the hook given to `onReady` (from any thread) once it can take more.
protocol EventSink: AnyObject, Sendable {
    /// Delivers an event; called on the connection's event loop only.
    func emit(_ event: WebSocketEvent)
    /// Delivers a message event (on the event loop) and answers `readyForMore()` for what follows, in one step.
    func deliver(_ message: MessageEvent) -> Bool
    /// Whether text messages come to this sink as their UTF-8 bytes (`deliverText(utf8:)`) instead of as strings;
    /// asked once, when the connection opens.
    var takesTextAsUTF8: Bool { get }
    /// Delivers a text message as its UTF-8 bytes, already checked to be valid, like `deliver(_:)`.
    func deliverText(utf8: [UInt8]) -> Bool
    /// Whether another event may be delivered now; called on the event loop. Answering `false` is a promise to
    /// run the ready hook later.
    func readyForMore() -> Bool
    /// Called on the event loop after the handler delivered what one batch of reads produced (NIO's reads up to
    /// `channelReadComplete`), or as soon as the sink pushed back, so a sink can wake its consumer once per batch
    /// instead of once per message.
    func batchEnded()
    /// Sets the hook to run when the sink can take more after having answered `false`.
    func onReady(_ hook: @escaping @Sendable () -> Void)
    /// Whether anyone would see a message event; asked once per read batch on the event loop. When nobody would
    /// (only the wire tap watches), the connection checks messages without building them.
    func wantsMessages() -> Bool
    /// While messages are not wanted, asked after each event instead of `deliver`'s answer: whether the flow may
    /// go on (a `pause()` must still stop it). Answering `false` is a promise to run the ready hook later.
    func stillReady() -> Bool
}

extension EventSink {
    /// Text comes as strings unless a sink says otherwise.
    var takesTextAsUTF8: Bool { false }
    /// Makes the string and delivers it.
    func deliverText(utf8: [UInt8]) -> Bool {
        deliver(MessageEvent(data: .text(String(decoding: utf8, as: UTF8.self))))
    }
    /// Every message is wanted unless a sink says otherwise.
    func wantsMessages() -> Bool { true }
    /// The full readiness check.
    func stillReady() -> Bool { readyForMore() }
}
