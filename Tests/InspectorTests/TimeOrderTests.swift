import Foundation
import Testing
import WebSocketCore
import WebSockets

@testable import Inspector

/// Issue 25, "Time order": a life-cycle note is stamped when its event happened, not when the UI thread got to
/// it, so it never sits above an earlier frame that was queued behind it.
@Suite struct TimeOrderTests {
    @Test func aNoteAppliedLateKeepsTheTimeItsEventHappened() {
        var state = InspectorState(status: ConnectionStatus(url: "ws://x", state: .connecting))
        // On the connection's thread: the handshake completes, then a frame arrives; both wait in the queue.
        let opened = SessionEvent.opened(generation: 1, protocol: "", extensions: "")
        let frame = WireRecord(direction: .received, content: .frame(textFrame("hello")))
        let closed = SessionEvent.closed(generation: 1, code: 1000, reason: "", wasClean: true)
        // On the UI thread, a moment later, in queue order.
        state.apply(opened, currentGeneration: 1)
        state.apply(.wire(generation: 1, frame), currentGeneration: 1)
        state.apply(closed, currentGeneration: 1)
        let times = (0..<state.log.rowCount).map { state.log.entry(atRow: $0).record.time }
        #expect(times == times.sorted(), "rows out of time order: \(times.map(\.timeIntervalSince1970))")
    }
}
