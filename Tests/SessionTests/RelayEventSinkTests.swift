import Inspector
import Relay
import Session
import Synchronization
import Testing
import WebSocketCore

/// The relay's observer in relay mode: past the UI queue's high-water mark it counts forwarded messages instead of
/// queueing them, never skips what the model's state depends on, and says how many the log missed.
@Suite struct RelayEventSinkTests {
    final class Queue: Sendable {
        let events = Mutex<[SessionEvent]>([])
        func push(_ event: SessionEvent) { events.withLock { $0.append(event) } }
        var count: Int { events.withLock { $0.count } }
        var notes: [String] {
            events.withLock { events in
                events.compactMap { event -> String? in
                    if case .note(let text, _) = event { return text }
                    return nil
                }
            }
        }
    }

    @Test func behindTheUIForwardedMessagesAreCountedAndTheRestStillQueued() {
        let queue = Queue()
        let sink = RelayEventSink { queue.push($0) }
        let forwarded = RelayEvent.forwarded(connection: 1, direction: .clientToServer, message: .text("x"), frames: [])
        sink.relay(forwarded)
        #expect(queue.count == 1)
        sink.setBehind(true)
        for _ in 0..<1_000 { sink.relay(forwarded) }
        #expect(queue.count == 1, "forwarded messages were queued while the UI was behind")
        // A held message and a close always reach the model.
        sink.relay(.held(connection: 1, direction: .clientToServer, id: 1, message: .text("h"), frames: []))
        sink.relay(.closed(connection: 1, by: .client, code: 1000, reason: ""))
        #expect(queue.count == 3)
        sink.setBehind(false)
        #expect(queue.notes.isEmpty, "nothing is queued from the queue's own callback")
        sink.relay(forwarded)
        #expect(queue.notes == ["1000 forwarded messages were not logged: the inspector fell behind the relay"])
        #expect(queue.count == 5)
    }
}
