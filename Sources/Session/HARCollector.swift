import Captures
import Foundation
import Synchronization
import WebSocketCore
import WebSockets

/// Collects the session's traffic for `--har` and `/export` as it happens, into a bounded capture: whole
/// messages per connection, rebuilt from frames (fragments joined, compressed ones inflated), with each
/// connection's upgrade request and response.
///
/// Fed from the wire tap rather than from the log, because the log drops old records and cuts long payloads.
/// Bounded by a message count and a byte count: once either is reached, every later message is left out and
/// counted, so the file is a clean prefix of the session and its `comment` says what is missing.
package final class HARCollector: SessionWireConsumer {
    /// The bounds; payload and handshake bytes count towards `maxBytes`.
    package struct Limits: Sendable {
        /// Messages kept, all connections together.
        package var maxMessages: Int
        /// Payload and handshake bytes kept.
        package var maxBytes: Int
        /// `--har-max-messages` and `--har-max-bytes`.
        package var flagNames: (messages: String, bytes: String)

        /// Bounds of `maxMessages` and `maxBytes`, named by the flags that set them.
        package init(
            maxMessages: Int, maxBytes: Int, flagNames: (messages: String, bytes: String) = ("--har-max-messages", "--har-max-bytes")
        ) {
            self.maxMessages = maxMessages
            self.maxBytes = maxBytes
            self.flagNames = flagNames
        }
    }

    private let limits: Limits
    private let keepsControlFrames: Bool
    private let onFull: @Sendable (String) -> Void
    private let state = Mutex(HARCollection())

    /// A collector within `limits`; control frames (ping, pong, close) are kept only with `keepsControlFrames`
    /// (`--har-frames`). `onFull` is called once, on whichever thread reached a bound, with a sentence saying so.
    package init(limits: Limits, keepsControlFrames: Bool, onFull: @escaping @Sendable (String) -> Void = { _ in }) {
        self.limits = limits
        self.keepsControlFrames = keepsControlFrames
        self.onFull = onFull
    }

    /// See ``SessionWireConsumer/connectionStarted(generation:url:time:)``.
    package func connectionStarted(generation: Int, url: String, time: Date) {
        let full = state.withLock { collection in
            collection.start(generation: generation, url: url, time: time, limits: limits)
        }
        if let full { onFull(full) }
    }

    /// See ``SessionWireConsumer/connectionAbandoned(generation:)``.
    package func connectionAbandoned(generation: Int) {
        state.withLock { collection in
            collection.connections[generation] = nil
            collection.order.removeAll { $0 == generation }
        }
    }

    /// See ``SessionWireConsumer/observe(_:generation:)``.
    package func observe(_ record: WireRecord, generation: Int) {
        if case .frame(let frame) = record.content, frame.header.opcode.isControl, !keepsControlFrames,
            frame.header.opcode != .close
        {
            return
        }
        let full = state.withLock { collection in
            collection.add(record, generation: generation, limits: limits, keepsControlFrames: keepsControlFrames)
        }
        if let full { onFull(full) }
    }

    /// The capture so far, with credentials hidden unless `showsSecrets`; a message still arriving in fragments
    /// is not in it. When a bound was reached, `comment` says what was left out.
    package func capture(showsSecrets: Bool) -> Capture {
        let snapshot = state.withLock { $0 }
        var connections = snapshot.order.compactMap { snapshot.connections[$0]?.connection }
        if !showsSecrets {
            for index in connections.indices {
                connections[index].url = HARRedaction.url(connections[index].url)
                connections[index].requestHeaders = HARRedaction.headers(connections[index].requestHeaders)
                connections[index].responseHeaders = HARRedaction.headers(connections[index].responseHeaders)
            }
        }
        return Capture(connections: connections, comment: snapshot.leftOutSentence(limits: limits))
    }

    /// The sentence saying what was left out, or `nil` when nothing was.
    package var leftOut: String? { state.withLock { $0.leftOutSentence(limits: limits) } }
}
