import DequeModule
import Synchronization
import WebSocketCore
import WebSockets

/// The frames each upstream message arrived in, seen through the upstream connection's wire tap, in the order its
/// messages are then read: the tap sees a message's frames on the event loop before the message can be read, so
/// the reader takes the frames of each message it reads from the front.
///
/// Bounded by what the library holds: messages received and not yet read (its receive high-water mark), each at
/// most the library's fragment limit.
final class FrameLedger: Sendable {
    private struct State {
        var arriving: [FramePiece] = []
        var complete = Deque<[FramePiece]>()
    }

    private let state = Mutex(State())

    /// The tap that feeds this ledger: received data frames only.
    var tap: WireTap {
        { [self] record in
            guard record.direction == .received, case .frame(let frame) = record.content,
                !frame.header.opcode.isControl
            else { return }
            let piece = FramePiece(frame)
            state.withLock { s in
                s.arriving.append(piece)
                if piece.header.fin {
                    s.complete.append(s.arriving)
                    s.arriving = []
                }
            }
        }
    }

    /// The frames of the next message read, oldest first (empty if none were seen).
    func next() -> [FramePiece] {
        state.withLock { $0.complete.popFirst() ?? [] }
    }
}
