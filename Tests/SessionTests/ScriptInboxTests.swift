import Foundation
import Testing
import WebSocketCore
import WebSockets

@testable import Session

/// What an on-open script's `/wait` sees: received, unfragmented text frames, from the script's start, each
/// match consuming what came before it.
@Suite struct ScriptInboxTests {
    func record(_ text: String, direction: WireRecord.Direction = .received, opcode: Opcode = .text, fin: Bool = true)
        -> WireRecord
    {
        let payload = Array(text.utf8)
        let frame = Frame(
            header: FrameHeader(fin: fin, opcode: opcode, payloadLength: UInt64(payload.count)),
            payload: payload)
        return WireRecord(time: Date(), direction: direction, content: .frame(frame))
    }

    func regex(_ pattern: String) throws -> NSRegularExpression { try NSRegularExpression(pattern: pattern) }

    @Test func anAnswerThatArrivedBeforeTheWaitCountsOnce() async throws {
        let inbox = ScriptInbox()
        inbox.offer(record("hello"))
        inbox.offer(record("auth ok"))
        #expect(await inbox.wait(for: try regex("^auth ok$"), timeout: .seconds(10)))
        // Consumed: a second wait for the same answer times out.
        #expect(await !inbox.wait(for: try regex("^auth ok$"), timeout: .zero))
    }

    @Test func aWaitEndsWhenAMatchArrivesWhileItWaits() async throws {
        let inbox = ScriptInbox()
        let pattern = try regex("subscribed")
        async let matched = inbox.wait(for: pattern, timeout: .seconds(60))
        // Offered until the waiter has taken one (the wait may register after the first offers).
        let offers = Task {
            for index in 0..<10_000 where !Task.isCancelled {
                inbox.offer(record("{\"event\":\"subscribed\",\"n\":\(index)}"))
                try? await Task.sleep(for: .milliseconds(1))
            }
        }
        #expect(await matched)
        offers.cancel()
    }

    @Test func sentBinaryAndFragmentedFramesAreNotLookedAt() async throws {
        let inbox = ScriptInbox()
        inbox.offer(record("token", direction: .sent))
        inbox.offer(record("token", opcode: .binary))
        inbox.offer(record("token", fin: false))
        #expect(await !inbox.wait(for: try regex("token"), timeout: .zero))
    }

    @Test func afterTheScriptNothingIsKept() async throws {
        let inbox = ScriptInbox()
        inbox.disarm()
        inbox.offer(record("late"))
        #expect(await !inbox.wait(for: try regex("late"), timeout: .zero))
    }
}
