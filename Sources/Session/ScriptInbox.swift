import Foundation
import Synchronization
import WebSocketCore
import WebSockets

/// The received text messages an on-open script's `/wait` looks at. The wire tap offers them on the connection's
/// thread; the script's task waits on them. While a script runs, texts are kept from the moment it starts, so an
/// answer that arrives before `/wait` is reached is not missed; each match consumes what came before it.
final class ScriptInbox: Sendable {
    private struct Waiter {
        let token: Int
        let regex: NSRegularExpression
        let continuation: CheckedContinuation<Bool, Never>
    }

    private struct Contents {
        var armed = true
        var unread: [String] = []
        var waiter: Waiter?
        var nextToken = 0
    }

    /// Texts kept unread at most; past it the oldest go (a script waits for an answer, not for a flood).
    private static let keptLimit = 1_000
    private let contents = Mutex(Contents())

    /// Offers a received frame; only an unfragmented text frame counts (fragmented messages are not reassembled
    /// here, which would mean keeping every fragment of every message).
    func offer(_ record: borrowing WireRecord) {
        guard record.direction == .received, case .frame(let frame) = record.content,
            frame.header.opcode == .text, frame.header.fin
        else { return }
        let text = String(decoding: frame.inflatedPayload ?? frame.payload, as: UTF8.self)
        let matched: CheckedContinuation<Bool, Never>? = contents.withLock { contents in
            guard contents.armed else { return nil }
            if let waiter = contents.waiter, Self.matches(waiter.regex, text) {
                contents.waiter = nil
                return waiter.continuation
            }
            contents.unread.append(text)
            if contents.unread.count > Self.keptLimit { contents.unread.removeFirst() }
            return nil
        }
        matched?.resume(returning: true)
    }

    /// Waits up to `timeout` for a text matching `regex` (one already received counts); `false` on timeout or
    /// cancellation.
    func wait(for regex: NSRegularExpression, timeout: Duration) async -> Bool {
        let token = contents.withLock { contents -> Int in
            contents.nextToken += 1
            return contents.nextToken
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let done = contents.withLock { contents -> Bool in
                    if let index = contents.unread.firstIndex(where: { Self.matches(regex, $0) }) {
                        contents.unread.removeFirst(index + 1)
                        return true
                    }
                    contents.waiter = Waiter(token: token, regex: regex, continuation: continuation)
                    return false
                }
                if done { return continuation.resume(returning: true) }
                Task {
                    try? await Task.sleep(for: timeout)
                    self.giveUp(token)
                }
            }
        } onCancel: {
            giveUp(token)
        }
    }

    /// Stops keeping texts: the script is over.
    func disarm() {
        contents.withLock { contents in
            contents.armed = false
            contents.unread = []
        }
        giveUp(nil)
    }

    /// Ends the wait `token` (any wait for nil) with `false`, unless it already ended.
    private func giveUp(_ token: Int?) {
        let waiting = contents.withLock { contents -> CheckedContinuation<Bool, Never>? in
            guard let waiter = contents.waiter, token == nil || waiter.token == token else { return nil }
            contents.waiter = nil
            return waiter.continuation
        }
        waiting?.resume(returning: false)
    }

    private static func matches(_ regex: NSRegularExpression, _ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
