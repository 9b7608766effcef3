import ClientTestSupport
import Testing
import WebSocketCore

@testable import Relay

/// The intercept gate on its own: a recording `send` stands for the far side, a recording observer for the
/// inspector. What the far side received is checked, never what the gate says it did.
@Suite struct InterceptGateTests {
    final class FarSide: Sendable {
        let received = Recorder<Message>()
        func send(_ message: Message) async -> Bool {
            received.append(message)
            return true
        }
    }

    func gate() -> (InterceptGate, FarSide, RecordingObserver) {
        let observer = RecordingObserver()
        let gate = InterceptGate(connection: 1, direction: .clientToServer, observer: observer)
        let far = FarSide()
        gate.attach { message, _, _ in await far.send(message) }
        return (gate, far, observer)
    }

    /// Waits (bounded) until the far side has `count` messages.
    func waitFor(_ far: FarSide, count: Int) async throws {
        try await withTimeout(.seconds(10), "\(count) messages at the far side") {
            while far.received.values.count < count { await Task.yield() }
        }
    }

    @Test func withoutInterceptMessagesPassStraightThrough() async throws {
        let (gate, far, observer) = gate()
        #expect(await gate.forward(.text("a")))
        #expect(await gate.forward(.binary([1, 2])))
        #expect(far.received.values == [.text("a"), .binary([1, 2])])
        #expect(observer.events.values.count == 2)
    }

    @Test func heldMessagesGoInOrderWhateverTheOrderOfTheDecisions() async throws {
        let (gate, far, observer) = gate()
        gate.setIntercepting(true)
        for text in ["one", "two", "three"] { #expect(await gate.forward(.text(text))) }
        #expect(far.received.values.isEmpty)
        let held = observer.events.values.compactMap { event -> Int? in
            if case .held(_, _, let id, _, _) = event { return id }
            return nil
        }
        #expect(held == [1, 2, 3])
        // Intercept off: a new message still waits behind the held ones.
        gate.setIntercepting(false)
        #expect(await gate.forward(.text("four")))
        #expect(far.received.values.isEmpty)
        // Decided last to first: nothing goes until the first is decided.
        #expect(gate.decide(3, .drop))
        #expect(gate.decide(2, .replace(.text("two, edited"))))
        #expect(far.received.values.isEmpty)
        #expect(gate.decide(1, .forward))
        try await waitFor(far, count: 3)
        #expect(far.received.values == [.text("one"), .text("two, edited"), .text("four")])
        #expect(!gate.decide(1, .forward), "a message is decided once")
    }

    @Test func anInjectedMessageGoesAheadOfHeldOnes() async throws {
        let (gate, far, observer) = gate()
        gate.setIntercepting(true)
        #expect(await gate.forward(.text("held")))
        #expect(gate.inject(.text("ours")))
        try await waitFor(far, count: 1)
        #expect(far.received.values == [.text("ours")])
        #expect(gate.forwardAll() == 1)
        try await waitFor(far, count: 2)
        #expect(far.received.values == [.text("ours"), .text("held")])
        #expect(observer.events.values.contains(.injected(connection: 1, direction: .clientToServer, message: .text("ours"))))
    }

    @Test func theGateHoldsAtMostItsLimitAndTheReaderWaitsForRoom() async throws {
        let (gate, far, _) = gate()
        gate.setIntercepting(true)
        for index in 0..<InterceptGate.holdLimit { #expect(await gate.forward(.text("\(index)"))) }
        #expect(gate.waitingCount == InterceptGate.holdLimit)
        // One more: the reader waits here (so it stops reading its side) until a decision makes room.
        let extra = Task { await gate.forward(.text("extra")) }
        #expect(gate.waitingCount == InterceptGate.holdLimit)
        #expect(gate.decide(1, .forward))
        #expect(await extra.value)
        #expect(gate.waitingCount <= InterceptGate.holdLimit)
        // Intercept is still on, so the extra one was held too, behind the others.
        #expect(gate.forwardAll() == InterceptGate.holdLimit)
        try await waitFor(far, count: InterceptGate.holdLimit + 1)
        let expected = (0..<InterceptGate.holdLimit).map { Message.text("\($0)") } + [.text("extra")]
        #expect(far.received.values == expected)
    }

    @Test func endingTheConnectionDropsWhatIsHeldAndSaysWhatWasNotSent() async throws {
        let (gate, far, observer) = gate()
        gate.setIntercepting(true)
        #expect(await gate.forward(.text("undecided")))
        #expect(await gate.forward(.text("decided")))
        #expect(gate.decide(2, .forward))
        gate.finish()
        #expect(!(await gate.forward(.text("late"))))
        #expect(far.received.values.isEmpty)
        let events = observer.events.values
        #expect(events.contains(.released(connection: 1, direction: .clientToServer, id: 1, decision: .drop)))
        #expect(events.contains(.unsent(connection: 1, direction: .clientToServer, count: 1)))
    }
}
