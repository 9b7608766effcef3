import Foundation
import WebSockets

/// Another reader of the session's traffic, beside the UI queue and `--dump`'s `wireObserver` (a single slot):
/// the HAR collector is one. Sees every connection attempt and every byte of it, whole, in wire order, before
/// anything is cut for the log or filtered out by `--dump`.
package protocol SessionWireConsumer: AnyObject, Sendable {
    /// A connection attempt numbered `generation` to `url` begins (called on the UI thread, before its bytes).
    func connectionStarted(generation: Int, url: String, time: Date)
    /// The attempt numbered `generation` never started: the client refused its URL, headers or protocols.
    func connectionAbandoned(generation: Int)
    /// Bytes of connection `generation` crossed the wire (called on the connection's thread; keep it quick).
    func observe(_ record: WireRecord, generation: Int)
}
