/// Where a connection handler delivers its events, and the gate that lets a slow consumer push back.
///
/// The handler parses one event at a time and asks `readyForMore()` as it goes. A sink that answers `false` stops
/// the flow: the handler leaves further frames unparsed and stops reading the socket, so TCP pushes back on the
/// server. Such a sink must later run the hook given to `onReady` (from any thread) once it can take more.
/// `EventHub` (behind `WebSocket`) and `StreamInbox` (behind `WebSocketStream`) are the two sinks.
protocol EventSink: AnyObject, Sendable {
    /// How this sink takes messages, fixed for the connection's life; asked once, when it opens.
    var traits: SinkTraits { get }
    /// Delivers a life-cycle or pong event; called on the connection's event loop only.
    func emit(_ event: WebSocketEvent)
    /// Delivers a message (on the event loop) and answers `readyForMore()` for what follows, in one step.
    func deliver(_ message: ReceivedMessage) -> Bool
    /// Whether another event may be delivered now; called on the event loop, once per read batch and, while no
    /// message is wanted, after each frame, so it must be cheap when the answer is yes. Answering `false` is a
    /// promise to run the ready hook later.
    func readyForMore() -> Bool
    /// Whether anyone would see a message; asked once per read batch on the event loop. When nobody would (only
    /// the wire tap watches), the connection checks messages without building them.
    func wantsMessages() -> Bool
    /// Called on the event loop after the handler delivered what one batch of reads produced (NIO's reads up to
    /// `channelReadComplete`), or as soon as the sink pushed back, so a sink can wake its consumer once per batch
    /// instead of once per message.
    func batchEnded()
    /// Sets the hook to run when the sink can take more after having answered `false`.
    func onReady(_ hook: @escaping @Sendable () -> Void)
}

/// How a sink takes messages: knobs that exist to save a copy, gathered in one value.
struct SinkTraits: Sendable {
    /// Text messages come as their UTF-8 bytes (``ReceivedMessage/utf8Text(_:)``), so that a reader on another
    /// thread makes and frees the `String` itself.
    var takesTextAsUTF8 = false
}

/// A received message as the handler hands it to a sink.
enum ReceivedMessage {
    /// A message made for the application: text as a `String`, binary as the socket's `binaryType` asks.
    case event(MessageEvent)
    /// A text message as its UTF-8 bytes, already checked to be valid (for a sink whose traits ask for it).
    case utf8Text([UInt8])
}
