import ClientTestSupport
import Foundation
import Inspector
import Testing
import WebSocketCore
import WebSockets

@testable import Terminal

#if canImport(Glibc)
import Glibc
#endif

/// The UI queue's wake-up protocol: a byte in the pipe only when the consumer may be asleep, never a lost element.
@Suite struct WakeableQueueTests {
    /// Whether the wake pipe has a byte for `poll()` right now.
    private func isSignalled(_ queue: WakeableQueue) -> Bool {
        var descriptor = pollfd(fd: queue.wakeDescriptor, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) == 1 && descriptor.revents & Int16(POLLIN) != 0
    }

    private func note(_ index: Int) -> TerminalEvent { .session(.note("event \(index)", isError: false)) }

    private func text(_ events: some Sequence<TerminalEvent>) -> [String] {
        events.compactMap { event in
            if case .session(.note(let text, _)) = event { return text }
            return nil
        }
    }

    @Test("an idle consumer is woken by the first push, and may then sleep as long as it likes")
    func idleWakes() throws {
        let queue = try WakeableQueue()
        #expect(!isSignalled(queue))
        #expect(queue.pollTimeout(idle: -1) == -1)
        queue.push(note(0))
        #expect(isSignalled(queue))
        #expect(text(queue.takeAll()) == ["event 0"])
        #expect(!isSignalled(queue), "the take emptied the pipe")
    }

    @Test("while the consumer is busy, pushes stay silent and it is told to look again within a millisecond")
    func busyIsSilent() throws {
        let queue = try WakeableQueue()
        queue.push(note(0))
        _ = queue.takeAll()  // found something: busy
        for index in 1...100 { queue.push(note(index)) }
        #expect(!isSignalled(queue), "a busy consumer was woken")
        #expect(queue.pollTimeout(idle: -1) == WakeableQueue.busyPollMilliseconds)
        #expect(queue.pollTimeout(idle: 200) == WakeableQueue.busyPollMilliseconds)
        #expect(queue.pollTimeout(idle: 0) == 0)
        #expect(text(queue.takeAll()) == (1...100).map { "event \($0)" })
    }

    @Test("an empty take makes the consumer idle again, so the next push wakes it")
    func emptyTakeRearms() throws {
        let queue = try WakeableQueue()
        queue.push(note(0))
        _ = queue.takeAll()
        #expect(queue.takeAll().isEmpty)
        #expect(queue.pollTimeout(idle: 500) == 500)
        queue.push(note(1))
        #expect(isSignalled(queue))
        #expect(text(queue.takeAll()) == ["event 1"])
    }

    @Test("many producers, a consumer that sleeps only as poll tells it: every element arrives, in each producer's order")
    func nothingIsLost() async throws {
        let queue = try WakeableQueue()
        let producers = 4
        let perProducer = 20_000
        // The consumer blocks in poll(2) as the UI thread does, so it gets a thread of its own.
        async let consumed = offThePool { () -> [String] in
            var seen: [String] = []
            let deadline = ContinuousClock.now + .seconds(30)
            while seen.count < producers * perProducer && ContinuousClock.now < deadline {
                var descriptor = pollfd(fd: queue.wakeDescriptor, events: Int16(POLLIN), revents: 0)
                _ = poll(&descriptor, 1, queue.pollTimeout(idle: 1_000))
                for event in queue.takeAll() {
                    if case .session(.note(let text, _)) = event { seen.append(text) }
                }
            }
            return seen
        }
        await withTaskGroup(of: Void.self) { group in
            for producer in 0..<producers {
                group.addTask {
                    for index in 0..<perProducer {
                        queue.push(.session(.note("\(producer):\(index)", isError: false)))
                        if index % 1000 == 0 { try? await Task.sleep(for: .milliseconds(2)) }
                    }
                }
            }
        }
        let seen = try await consumed
        #expect(seen.count == producers * perProducer)
        for producer in 0..<producers {
            let mine = seen.filter { $0.hasPrefix("\(producer):") }
            #expect(mine == (0..<perProducer).map { "\(producer):\($0)" })
        }
    }

    /// A wire event of a frame with `size` payload bytes, `index` in its first byte.
    private func frame(_ index: Int, size: Int = 16, opcode: Opcode = .text) -> TerminalEvent {
        var payload = [UInt8](repeating: 0x61, count: size)
        if size > 0 { payload[0] = UInt8(truncatingIfNeeded: index) }
        let header = FrameHeader(opcode: opcode, payloadLength: UInt64(size))
        let frame = Frame(header: header, payload: payload, wireBytes: FrameEncoder.encode(header, payload: payload))
        return .session(.wire(generation: 1 + index % 2, WireRecord(direction: .received, content: .frame(frame))))
    }

    /// What an event is, for comparing: wire events by generation and record, notes by text.
    private func describe(_ event: TerminalEvent) -> String {
        switch event {
        case .session(.wire(let generation, let record)): return "wire \(generation) \(record)"
        case .session(.note(let text, _)): return "note \(text)"
        case .session(let other): return "\(other)"
        case .terminate(let signal): return "terminate \(signal)"
        }
    }

    @Test("wire events of small frames wait packed, yet every event comes out equal and in order among the rest")
    func packedKeepOrder() throws {
        let queue = try WakeableQueue()
        var packedStorage: [UnsafeRawPointer?] = []
        for round in 0..<4 {
            // Different frames each round, so a round that read an earlier round's leftovers would show.
            let base = round * 16
            var pushed: [TerminalEvent] = [note(base)]
            pushed += (1...5).map { frame(base + $0) }
            pushed.append(.session(.wire(generation: 1, WireRecord(direction: .sent, content: .handshakeRequest([1, 2])))))
            pushed += [frame(base + 6, size: PackedWireEvents.packedLimit), frame(base + 7, size: PackedWireEvents.packedLimit + 1)]
            pushed += [frame(base + 8, size: 0, opcode: .ping), note(base + 9), frame(base + 10, size: 2, opcode: .close)]
            pushed.append(.terminate(signal: 2))
            for event in pushed { queue.push(event) }
            var taken = queue.takeAll()
            #expect(taken.count == pushed.count)
            packedStorage.append(taken.packedStorageAddress)
            var read: [TerminalEvent] = []
            while let event = taken.next() { read.append(event) }
            #expect(taken.isEmpty)
            #expect(read.map(describe) == pushed.map(describe), "round \(round)")
            // The storage goes back for the producers to refill: the two sets of storage take turns, each reused
            // where it is rather than copied.
            queue.recycle(&taken)
            #expect(taken.isEmpty)
        }
        #expect(packedStorage.allSatisfy { $0 != nil })
        #expect(packedStorage[2] == packedStorage[0] && packedStorage[3] == packedStorage[1])
        #expect(packedStorage[0] != packedStorage[1])
    }

    @Test("a connection's events pushed unwrapped come out as they would wrapped, in order among the rest")
    func unwrappedPushKeepsOrder() throws {
        let queue = try WakeableQueue()
        var pushed: [TerminalEvent] = [note(0)]
        pushed += (1...4).map { frame($0) }
        pushed += [frame(5, size: PackedWireEvents.packedLimit + 1), note(6), frame(7), .terminate(signal: 15), frame(8)]
        pushed.append(.session(.wire(generation: 2, WireRecord(direction: .sent, content: .handshakeRequest([3])))))
        // Every other session event through the unwrapped push, so runs of packed events mix both ways in.
        for (index, event) in pushed.enumerated() {
            if index % 2 == 1, case .session(let sessionEvent) = event {
                queue.push(sessionEvent)
            } else {
                queue.push(event)
            }
        }
        var taken = queue.takeAll()
        #expect(taken.count == pushed.count)
        var read: [TerminalEvent] = []
        while let event = taken.next() { read.append(event) }
        #expect(read.map(describe) == pushed.map(describe))
    }

    @Test("the high-water mark calls onHigh once when crossed and onDrained once taken")
    func highWater() throws {
        let queue = try WakeableQueue()
        let highs = Counter()
        let drains = Counter()
        queue.setHighWaterMark(3, onHigh: { highs.add() }, onDrained: { drains.add() })
        // Packed wire events count as much as any other.
        for index in 0..<5 { queue.push(index % 2 == 0 ? frame(index) : note(index)) }
        #expect(highs.value == 1)
        #expect(drains.value == 0)
        #expect(queue.takeAll().count == 5)
        #expect(drains.value == 1)
        _ = queue.takeAll()
        #expect(drains.value == 1)
    }
}

extension WakeableQueueTests {
    /// Found by a TUI benchmark that stalled at 49 150 of 1 000 000 messages: `onHigh` (the pause) ran after the
    /// push had let go of the lock, so the UI thread could take everything and resume first; the late pause then
    /// held the connection for good, with nothing queued to drain. The callbacks now run under the queue's lock.
    /// `onHigh` sleeps to open that window wide; the producer waits while paused, as a paused connection does.
    @Test("a pause from crossing the high-water mark never lands after the resume of the drain that follows it")
    func highWaterCallbacksKeepTheirOrder() async throws {
        let queue = try WakeableQueue()
        let flow = PauseFlag()
        queue.setHighWaterMark(
            8,
            onHigh: {
                usleep(300)
                flow.set(true)
            }, onDrained: { flow.set(false) })
        let total = 5_000
        let deadline = ContinuousClock.now + .seconds(20)
        async let consumed = offThePool { () -> Int in
            var taken = 0
            while taken < total && ContinuousClock.now < deadline {
                var descriptor = pollfd(fd: queue.wakeDescriptor, events: Int16(POLLIN), revents: 0)
                _ = poll(&descriptor, 1, queue.pollTimeout(idle: 50))
                taken += queue.takeAll().count
            }
            return taken
        }
        async let produced = offThePool { () -> Int in
            var pushed = 0
            while pushed < total && ContinuousClock.now < deadline {
                if flow.isSet {
                    usleep(20)
                    continue
                }
                queue.push(.session(.note("event \(pushed)", isError: false)))
                pushed += 1
            }
            return pushed
        }
        #expect(try await produced == total, "the producer stayed paused with nothing left to drain")
        #expect(try await consumed == total)
    }
}

/// A paused flag shared by a producer and the queue's callbacks.
private final class PauseFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set(_ paused: Bool) { lock.withLock { value = paused } }
}

/// A thread-safe count for callbacks.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func add() { lock.withLock { count += 1 } }
}
