import DequeModule
import Synchronization
import WebSocketCore

/// What the inspector decided for a held message.
package enum HoldDecision: Sendable, Hashable {
    /// Forward it as it arrived.
    case forward
    /// Forward this message in its place (edited in compose).
    case replace(Message)
    /// Never forward it.
    case drop
}

/// One direction of a relayed connection between its reader and the side it writes to: messages pass straight
/// through until intercept is on; then each new one is held until the inspector decides, and every later message
/// of that direction waits behind the held ones, so the far side always sees them in order.
///
/// Bounded: at most ``holdLimit`` messages or ``holdByteLimit`` bytes wait here (one message always fits); past
/// that ``forward(_:)`` waits for room, so the reader stops reading and the sending side is slowed by TCP, as
/// for a slow receiver. Pings, pongs and closes never come here: the legs answer keepalives themselves, and a
/// Close passes at once (what still waits is then reported as unsent).
///
/// One writer at a time: whoever holds the `sending` token (the reader passing a message straight through, or a
/// drain started by a decision) sends, and hands the token back only once nothing decided is left at the head.
final class InterceptGate: Sendable {
    /// Messages that may wait in one direction of one connection.
    package static let holdLimit = 1_000
    /// Payload bytes that may wait in one direction of one connection (one message always fits).
    package static let holdByteLimit = 16 << 20

    /// Sends a message to the side this gate writes to, with the frames it arrived in (empty for one the relay
    /// made: an edit or an injection), and whether more follow at once (the side may then hold it back to send
    /// them together); `false` when that side is gone.
    typealias Send = @Sendable (Message, [FramePiece], _ moreFollow: Bool) async -> Bool

    private enum Origin: Sendable {
        /// Read from the other side while something was held: forwarded, in turn, without asking.
        case queued
        /// Held by intercept, with the id the inspector knows it by.
        case held(Int)
        /// Sent by the inspector itself.
        case injected
    }

    private struct Entry: Sendable {
        var origin: Origin
        var message: Message
        var frames: [FramePiece] = []
        /// `nil` while held.
        var decision: HoldDecision?
    }

    private struct State {
        var intercepting = false
        var entries = Deque<Entry>()
        var bytes = 0
        var sending = false
        var finished = false
        var nextID = 1
        var send: Send?
        var roomWaiters: [CheckedContinuation<Void, Never>] = []

        var isFull: Bool {
            !entries.isEmpty && (entries.count >= InterceptGate.holdLimit || bytes >= InterceptGate.holdByteLimit)
        }

        /// Takes the `sending` token for a drain when no one holds it and the head is decided.
        mutating func claimDrain() -> Bool {
            guard !sending, !finished, entries.first?.decision != nil else { return false }
            sending = true
            return true
        }
    }

    private let connection: Int
    private let direction: RelayDirection
    private let observer: any RelayObserver
    private let state = Mutex(State())

    init(connection: Int, direction: RelayDirection, observer: any RelayObserver) {
        self.connection = connection
        self.direction = direction
        self.observer = observer
    }

    /// Sets how messages reach the far side, once both legs are open.
    func attach(_ send: @escaping Send) {
        state.withLock { $0.send = send }
    }

    /// Whether new messages are held.
    var isIntercepting: Bool { state.withLock { $0.intercepting } }

    /// Holds new messages from now on (`true`), or lets new ones through (`false`). What is held stays held until
    /// decided: turning intercept off does not forward it.
    func setIntercepting(_ on: Bool) {
        state.withLock { $0.intercepting = on }
    }

    /// Messages waiting now (held or behind held ones), for tests of the bound.
    var waitingCount: Int { state.withLock { $0.entries.count } }

    // MARK: - The reader's side

    /// Passes a message read from the sending side (with the frames it arrived in) on: at once, or held, or queued
    /// behind held ones. Waits while the gate is full. `false` once the receiving side is gone, so the reader stops.
    /// `moreFollow`: the reader has more messages at hand, so the far side may wait for them before writing.
    func forward(_ message: Message, frames: [FramePiece] = [], moreFollow: Bool = false) async -> Bool {
        enum Step {
            case gone
            case direct(Send)
            case full
            case held(Int)
            case queued
            case drain
        }
        while true {
            let step: Step = state.withLock { s in
                guard !s.finished, let send = s.send else { return .gone }
                if !s.intercepting && s.entries.isEmpty && !s.sending {
                    s.sending = true
                    return .direct(send)
                }
                if s.isFull { return .full }
                s.bytes += message.payloadByteCount
                if s.intercepting {
                    let id = s.nextID
                    s.nextID += 1
                    s.entries.append(Entry(origin: .held(id), message: message, frames: frames, decision: nil))
                    return .held(id)
                }
                s.entries.append(Entry(origin: .queued, message: message, frames: frames, decision: .forward))
                if s.sending { return .queued }
                s.sending = true
                return .drain
            }
            switch step {
            case .gone:
                return false
            case .direct(let send):
                observer.relay(.forwarded(connection: connection, direction: direction, message: message, frames: frames))
                let delivered = await send(message, frames, moreFollow)
                if !delivered { finish() }
                await drain()
                return delivered
            case .full:
                await waitForRoom()
            case .held(let id):
                observer.relay(
                    .held(connection: connection, direction: direction, id: id, message: message, frames: frames))
                return true
            case .queued:
                return true
            case .drain:
                await drain()
                return !isFinished
            }
        }
    }

    private var isFinished: Bool { state.withLock { $0.finished } }

    private func waitForRoom() async {
        await withCheckedContinuation { continuation in
            let wait = state.withLock { s in
                guard s.isFull, !s.finished else { return false }
                s.roomWaiters.append(continuation)
                return true
            }
            if !wait { continuation.resume() }
        }
    }

    // MARK: - The inspector's side

    /// Decides held message `id`; `false` when no such message is held (already decided, or the connection
    /// ended). The decision is reported at once; the message goes (or is dropped) in its turn, after the ones
    /// held before it.
    @discardableResult
    func decide(_ id: Int, _ decision: HoldDecision) -> Bool {
        let (found, startDrain) = state.withLock { s -> (Bool, Bool) in
            guard !s.finished,
                let index = s.entries.firstIndex(where: {
                    if case .held(let held) = $0.origin { return held == id && $0.decision == nil }
                    return false
                })
            else { return (false, false) }
            s.entries[index].decision = decision
            return (true, s.claimDrain())
        }
        if found { observer.relay(.released(connection: connection, direction: direction, id: id, decision: decision)) }
        if startDrain { Task { await self.drain() } }
        return found
    }

    /// Forwards every held message as it is, in order; returns how many were held.
    @discardableResult
    func forwardAll() -> Int {
        let (ids, startDrain) = state.withLock { s -> ([Int], Bool) in
            var ids: [Int] = []
            for index in s.entries.indices where s.entries[index].decision == nil {
                s.entries[index].decision = .forward
                if case .held(let id) = s.entries[index].origin { ids.append(id) }
            }
            return (ids, !ids.isEmpty && s.claimDrain())
        }
        for id in ids { observer.relay(.released(connection: connection, direction: direction, id: id, decision: .forward)) }
        if startDrain { Task { await self.drain() } }
        return ids.count
    }

    /// Sends a message of the inspector's own to this gate's side, after what is already on its way (held
    /// messages it does not wait for: it goes ahead of them). `false` when the side is gone or the gate is full.
    @discardableResult
    func inject(_ message: Message) -> Bool {
        let (accepted, startDrain) = state.withLock { s -> (Bool, Bool) in
            guard !s.finished, s.send != nil, !s.isFull else { return (false, false) }
            // Ahead of the first undecided entry: an injected message does not wait for a decision.
            let index = s.entries.firstIndex { $0.decision == nil } ?? s.entries.endIndex
            s.entries.insert(Entry(origin: .injected, message: message, decision: .forward), at: index)
            s.bytes += message.payloadByteCount
            return (true, s.claimDrain())
        }
        if startDrain { Task { await self.drain() } }
        return accepted
    }

    /// Ends the gate: nothing more is sent, what waited is reported (undecided held ones as dropped, the rest as
    /// unsent),
    /// and a reader waiting for room goes on (to find the gate finished).
    func finish() {
        let (left, waiters) = state.withLock { s -> (Deque<Entry>, [CheckedContinuation<Void, Never>]) in
            guard !s.finished else { return ([], []) }
            s.finished = true
            defer {
                s.entries.removeAll()
                s.bytes = 0
                s.roomWaiters = []
            }
            return (s.entries, s.roomWaiters)
        }
        var unsent = 0
        for entry in left {
            if case .held(let id) = entry.origin, entry.decision == nil {
                observer.relay(.released(connection: connection, direction: direction, id: id, decision: .drop))
            } else {
                unsent += 1
            }
        }
        if unsent > 0 { observer.relay(.unsent(connection: connection, direction: direction, count: unsent)) }
        for waiter in waiters { waiter.resume() }
    }

    /// Sends decided messages from the head, in order, until the head is held or nothing is left; the caller
    /// holds the `sending` token, which this hands back.
    private func drain() async {
        while true {
            let next: (Entry, Send, [CheckedContinuation<Void, Never>])? = state.withLock { s in
                guard !s.finished, let send = s.send, let head = s.entries.first, head.decision != nil else {
                    s.sending = false
                    return nil
                }
                s.entries.removeFirst()
                s.bytes -= head.message.payloadByteCount
                let waiters = s.isFull ? [] : s.roomWaiters
                if !waiters.isEmpty { s.roomWaiters = [] }
                return (head, send, waiters)
            }
            guard let (entry, send, waiters) = next else { return }
            for waiter in waiters { waiter.resume() }
            let outgoing: (Message, [FramePiece])?
            switch (entry.origin, entry.decision) {
            case (.held, let decision?):
                // Reported when it was decided.
                switch decision {
                case .forward: outgoing = (entry.message, entry.frames)
                case .replace(let edited): outgoing = (edited, [])
                case .drop: outgoing = nil
                }
            case (.injected, _):
                observer.relay(.injected(connection: connection, direction: direction, message: entry.message))
                outgoing = (entry.message, [])
            default:
                observer.relay(
                    .forwarded(connection: connection, direction: direction, message: entry.message, frames: entry.frames))
                outgoing = (entry.message, entry.frames)
            }
            if let (message, frames) = outgoing, await send(message, frames, false) == false {
                state.withLock { $0.sending = false }
                finish()
                return
            }
        }
    }
}

extension Message {
    /// The payload's length, which counts against the hold bound and the send window.
    var payloadByteCount: Int {
        switch self {
        case .text(let text): return text.utf8.count
        case .binary(let bytes), .utf8Text(let bytes): return bytes.count
        }
    }
}
