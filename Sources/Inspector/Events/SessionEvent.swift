import Foundation
import WebSockets

/// What the connection reports to the UI thread. Produced on NIO threads (callbacks and the wire tap), queued, and
/// applied to the model by ``InspectorSession/apply(_:to:)`` on the UI thread.
///
/// Every event names the connection `generation` it came from, so that after `/reconnect` the old connection's
/// last words are still logged but can no longer change the status bar. Life-cycle events carry the `time` they
/// happened (stamped where they are made, on the connection's thread), so their notes sit in time order among
/// the wire records queued behind them.
package enum SessionEvent: Sendable {
    /// Bytes crossed the wire (handshake, proxy exchange or a frame), in wire order.
    case wire(generation: Int, WireRecord)
    /// Bytes crossed the wire, and a payload longer than the log's per-record limit was cut on the connection's
    /// thread (``SessionOptions/maxRecordBytes``), so a hostile compressed message never waits whole in the queue.
    /// Boxed: it is rare, and inline it made every event larger, which each hop of a flood's events copies.
    indirect case trimmedWire(generation: Int, WireRecord, RecordTrim)
    /// The handshake succeeded.
    case opened(generation: Int, protocol: String, extensions: String, time: Date = Date())
    /// A pong arrived; `roundTripTime` is set when it answered one of our pings.
    case pong(generation: Int, roundTripTime: Duration?)
    /// The connection failed (a `close` event follows).
    case failed(generation: Int, message: String, time: Date = Date())
    /// The connection is over.
    case closed(generation: Int, code: UInt16, reason: String, wasClean: Bool, time: Date = Date())
    /// The timer of automatic reconnect attempt `attempt` ran out (`--reconnect`); made off the UI thread so
    /// that waiting never blocks it, and ignored when the connection or the attempt has moved on.
    case reconnectDue(generation: Int, attempt: Int)
    /// Something the session itself wants logged, e.g. a ping that could not be sent.
    case note(String, isError: Bool)
    /// Relay mode: something happened on a relayed connection. Boxed, so the enum stays as small as the client
    /// mode's events need.
    indirect case relay(RelayLogEvent)
}
