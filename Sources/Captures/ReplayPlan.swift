import Foundation

/// What `wsinspect replay` sends: one connection's sent data messages, in order, each with how long after the
/// first it goes out (the capture's own gaps, divided by the speed).
package struct ReplayPlan: Sendable, Hashable {
    /// One message to send.
    package struct Step: Sendable, Hashable {
        /// Seconds after the first message (0 for the first).
        package var offset: Double
        /// 1 text, 2 binary.
        package var opcode: UInt8
        /// The payload.
        package var payload: [UInt8]
    }

    /// The messages, in the order they were sent.
    package var steps: [Step]

    /// The plan for connection number `connection` (1-based) of `capture`, its gaps divided by `speed` (2 is twice
    /// as fast), or all at once when `speed` is nil. Control frames and received messages are not replayed.
    /// Throws a sentence naming the problem when there is no such connection.
    package init(_ capture: Capture, connection: Int, speed: Double?) throws(ReplayPlanError) {
        guard capture.connections.indices.contains(connection - 1) else {
            throw ReplayPlanError(
                description: capture.connections.isEmpty
                    ? "the capture holds no WebSocket connection"
                    : "--connection \(connection): the capture holds connections 1 to \(capture.connections.count)")
        }
        let sent = capture.connections[connection - 1].messages.filter {
            $0.direction == .sent && ($0.opcode == 1 || $0.opcode == 2)
        }
        let first = sent.first?.time ?? Date()
        steps = sent.map { message in
            // A capture's clock can step back (times from different tools); a gap is never negative.
            let gap = max(0, message.time.timeIntervalSince(first))
            return Step(offset: speed.map { gap / $0 } ?? 0, opcode: message.opcode, payload: message.payload)
        }
        // Offsets must not decrease either, or a later message would overtake an earlier one.
        for index in steps.indices.dropFirst() where steps[index].offset < steps[index - 1].offset {
            steps[index].offset = steps[index - 1].offset
        }
    }
}

/// Why a capture cannot be replayed.
package struct ReplayPlanError: Error, Sendable, CustomStringConvertible {
    /// One sentence.
    package let description: String
}
