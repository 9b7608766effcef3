import Captures
import Foundation
import Inspector
import Session
import Terminal

/// Runs `wsinspect replay`: once the connection is open, sends the plan's messages at their offsets, then closes
/// with 1000, printing every frame as `--dump` does (it uses the same printer, through ``DumpRunner``). With
/// `lockstep`, each message (and the close) waits instead for a message from the server after the previous one.
struct ReplayRunner {
    let dump: DumpRunner
    let plan: ReplayPlan
    var lockstep: ReceivedMessageCounter?

    /// Runs until the connection closes; returns the exit status `--dump` would.
    func run(_ initial: InspectorState) -> ExitStatus {
        let session = dump.session
        let queue = dump.queue
        let printer = dump.printer
        defer { printer.flush() }
        var state = initial
        var opened: ContinuousClock.Instant?
        var next = 0
        var closeRequested = false
        // Lock-step: how many server messages had arrived when the last message went out.
        var receivedAtLastSend: Int?
        func answered() -> Bool {
            guard let lockstep, let receivedAtLastSend else { return true }
            return lockstep.value > receivedAtLastSend
        }
        var descriptor = pollfd(fd: queue.wakeDescriptor, events: Int16(POLLIN), revents: 0)
        while true {
            let outputWait = printer.flushWhenDue() ?? 1_000
            if printer.isStdoutClosed {
                session.finish()
                return .success
            }
            // Sleep until the next message is due, a queued event, or a line waiting to be printed.
            var wait = outputWait
            if let opened, next < plan.steps.count, lockstep == nil {
                let due = opened + .milliseconds(Int64(plan.steps[next].offset * 1000))
                let left = ContinuousClock.now.duration(to: due)
                wait = min(wait, max(0, Int32(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)))
            }
            descriptor.revents = 0
            _ = poll(&descriptor, 1, queue.pollTimeout(idle: wait))

            var taken = queue.takeAll()
            defer { queue.recycle(&taken) }
            while let event = taken.next() {
                guard case .session(let sessionEvent) = event else { continue }
                session.apply(sessionEvent, to: &state)
                switch sessionEvent {
                case .opened: opened = ContinuousClock.now
                case .closed(let generation, let code, _, _, _) where generation == session.generation:
                    return DumpRunner.exitStatus(code: code, opened: opened != nil)
                default: break
                }
            }

            guard let opened, session.readyState == .open else { continue }
            while next < plan.steps.count, answered(),
                lockstep != nil || opened + .milliseconds(Int64(plan.steps[next].offset * 1000)) <= ContinuousClock.now
            {
                let step = plan.steps[next]
                let effect: InspectorEffect =
                    step.opcode == 1
                    ? .sendText(String(decoding: step.payload, as: UTF8.self)) : .sendBinary(step.payload)
                receivedAtLastSend = lockstep?.value
                _ = session.perform(effect, state: &state)
                next += 1
            }
            if next == plan.steps.count && !closeRequested && answered() {
                closeRequested = true
                _ = session.perform(.close(code: 1000, reason: ""), state: &state)
            }
        }
    }
}
