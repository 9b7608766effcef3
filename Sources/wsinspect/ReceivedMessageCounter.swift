import Foundation
import Session
import Synchronization
import Terminal
import WebSockets

/// Counts whole data messages the server sent, for `replay --lockstep`: read on the connection's thread, where
/// `--dump` prints frames without queueing them, and wakes the replay loop at each one.
final class ReceivedMessageCounter: SessionWireConsumer {
    private let count = Atomic(0)
    private let queue: WakeableQueue

    /// A counter that nudges `queue` at each message.
    init(queue: WakeableQueue) { self.queue = queue }

    /// Whole messages received so far.
    var value: Int { count.load(ordering: .acquiring) }

    func connectionStarted(generation: Int, url: String, time: Date) {}

    func connectionAbandoned(generation: Int) {}

    func observe(_ record: WireRecord, generation: Int) {
        guard record.direction == .received, case .frame(let frame) = record.content,
            !frame.header.opcode.isControl, frame.header.fin
        else { return }
        count.add(1, ordering: .releasing)
        queue.nudge()
    }
}
